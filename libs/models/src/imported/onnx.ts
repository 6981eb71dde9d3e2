// ONNX teachers on onnxruntime-node. Its npm package ships the CPU (and WebGPU) execution
// providers; CUDA needs the libraries its install script downloads (skipped here: see README).
import * as ort from 'onnxruntime-node';
import { ImportedTeacherError } from './errors.js';
import type { PixelBatch } from './input.js';
import type { RawOutput, Shape, TeacherRuntime } from './teacher.js';

export const EXECUTION_PROVIDERS = ['cpu', 'cuda', 'webgpu'] as const;
export type ExecutionProvider = (typeof EXECUTION_PROVIDERS)[number];

export interface OnnxOptions {
  /** Intra-op threads of the CPU provider (default: onnxruntime's, one per core). */
  threads?: number;
  /** Default 'cpu'. */
  ep?: ExecutionProvider;
}

const shapeOf = (metadata: ort.InferenceSession.ValueMetadata | undefined): Shape | undefined =>
  metadata?.isTensor ? metadata.shape.map((d) => (typeof d === 'number' && d > 0 ? d : null)) : undefined;

// An ONNX file is a protobuf ModelProto; anything else (a tfjs model.json, an image, text) fails to parse.
async function createSession(bytes: Uint8Array, options: OnnxOptions): Promise<ort.InferenceSession> {
  const ep = options.ep ?? 'cpu';
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    executionProviders: [ep],
    executionMode: 'sequential',
    interOpNumThreads: 1,
    ...(options.threads && { intraOpNumThreads: options.threads }),
    logSeverityLevel: 3,
  };
  try {
    return await ort.InferenceSession.create(bytes, sessionOptions);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!;
    if (ep !== 'cpu' && !/protobuf|model/i.test(message)) {
      const hint = ep === 'cuda'
        ? "the CUDA provider's libraries are not installed (onnxruntime-node's install script downloads them on a connected machine with CUDA 12: see the README, 'Imported teachers')"
        : 'this machine has no WebGPU adapter';
      throw new ImportedTeacherError('--ep', `execution provider '${ep}' is not available here: ${hint} (onnxruntime: ${message})`);
    }
    throw new ImportedTeacherError('import.path', `not a loadable ONNX model (truncated, or not ONNX?): ${message}`);
  }
}

export class OnnxTeacherRuntime implements TeacherRuntime {
  readonly format = 'onnx' as const;
  readonly inputShape: Shape | undefined;
  readonly outputNames: readonly string[];

  private constructor(private readonly session: ort.InferenceSession) {
    if (session.inputNames.length !== 1) {
      throw new ImportedTeacherError('import.path', `the model takes ${session.inputNames.length} inputs (${session.inputNames.join(', ')}); an imported teacher takes one image batch`);
    }
    this.inputShape = shapeOf(session.inputMetadata[0]);
    this.outputNames = session.outputNames;
  }

  static async load(bytes: Uint8Array, options: OnnxOptions = {}): Promise<OnnxTeacherRuntime> {
    return new OnnxTeacherRuntime(await createSession(bytes, options));
  }

  outputShape(name: string): Shape | undefined {
    return shapeOf(this.session.outputMetadata.find((m) => m.name === name));
  }

  async run(batch: PixelBatch, outputs: readonly string[]): Promise<RawOutput[]> {
    const feeds = { [this.session.inputNames[0]!]: new ort.Tensor('float32', batch.data, batch.shape) };
    let results: ort.InferenceSession.ReturnType;
    try {
      results = await this.session.run(feeds, [...outputs]);
    } catch (error) {
      throw new ImportedTeacherError('input', `the model refused a [${batch.shape.join(', ')}] batch: ${(error as Error).message.split('\n')[0]}`);
    }
    return outputs.map((name) => {
      const tensor = results[name]!;
      if (tensor.type !== 'float32') throw new ImportedTeacherError('output', `output '${name}' is ${tensor.type}; a teacher output must be float32`);
      const raw = { data: Float32Array.from(tensor.data as Float32Array), dims: [...tensor.dims] };
      tensor.dispose();
      return raw;
    });
  }

  dispose(): void {
    void this.session.release();
  }
}
