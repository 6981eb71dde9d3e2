// A pretrained teacher this project did not train: an ONNX file (onnxruntime-node) or a tfjs model.
// Whatever runs it, extraction sees one interface: views in, [N, D] embeddings (and logits) out.
import { ImportedTeacherError } from './errors.js';
import { toTeacherPixels, type PixelBatch, type PixelNormalization, type TeacherInput, type TeacherLayout } from './input.js';

/** A dimension the model leaves open (a named or -1 batch axis) is null. */
export type Shape = readonly (number | null)[];

export interface RawOutput {
  data: Float32Array;
  dims: readonly number[];
}

/** What a runtime (onnxruntime, tfjs) does for a teacher: describe its signature and run one batch. */
export interface TeacherRuntime {
  readonly format: 'onnx' | 'tfjs-layers' | 'tfjs-graph';
  /** The model's input shape, in its own layout (null where unknown or dynamic). */
  readonly inputShape: Shape | undefined;
  /** Names an `output` or `logits` field may take. */
  readonly outputNames: readonly string[];
  /** Output shapes where the model declares them. */
  outputShape(name: string): Shape | undefined;
  run(batch: PixelBatch, outputs: readonly string[]): Promise<RawOutput[]>;
  dispose(): void;
}

export interface TeacherOutputs {
  /** The output students learn from; default: the model's first. */
  output?: string;
  /** An output of class logits, for HKD/RKD/triplet students. */
  logits?: string;
}

export interface TeacherFeatures {
  embeddings: Float32Array;
  embeddingDim: number;
  logits?: Float32Array;
  logitsDim: number;
}

/**
 * Average-pools a rank-4 feature map over its spatial axes, in the layout the teacher uses:
 * [N, C, H, W] for NCHW teachers, [N, H, W, C] for NHWC ones. Rank 2 passes through.
 */
export function poolToVectors(raw: RawOutput, layout: TeacherLayout, field: string): { data: Float32Array; dim: number } {
  if (raw.dims.length === 2) return { data: raw.data, dim: raw.dims[1]! };
  if (raw.dims.length !== 4) throw new ImportedTeacherError(field, `output has shape [${raw.dims.join(', ')}]; a teacher output must be [N, D] or a rank-4 feature map`);
  const [n, a, b, c] = raw.dims as [number, number, number, number];
  const [channels, plane] = layout === 'nchw' ? [a, b * c] : [c, a * b];
  const out = new Float32Array(n * channels);
  for (let s = 0; s < n; s++) {
    const base = s * channels * plane;
    for (let p = 0; p < plane; p++) {
      for (let ch = 0; ch < channels; ch++) {
        out[s * channels + ch]! += raw.data[layout === 'nchw' ? base + ch * plane + p : base + p * channels + ch]!;
      }
    }
  }
  for (let i = 0; i < out.length; i++) out[i]! /= plane;
  return { data: out, dim: channels };
}

function assertFinite(values: Float32Array, dim: number, field: string, name: string, firstSample: number): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new ImportedTeacherError(field, `the model's output '${name}' is ${values[i]} for sample ${firstSample + Math.floor(i / dim)} (element ${i % dim}); a teacher must emit finite values`);
    }
  }
}

const describeShape = (shape: Shape) => `[${shape.map((d) => d ?? '?').join(', ')}]`;

/** Checks the teacher's `input` fields against the model's declared input shape (where it declares one). */
function checkInputShape(runtime: TeacherRuntime, input: TeacherInput): void {
  const shape = runtime.inputShape;
  if (!shape) return;
  if (shape.length !== 4) throw new ImportedTeacherError('input', `the model's input has shape ${describeShape(shape)}; an image teacher takes a rank-4 batch`);
  const [channels, height, width] = input.layout === 'nchw' ? [shape[1], shape[2], shape[3]] : [shape[3], shape[1], shape[2]];
  const layoutNote = `the model's input is ${describeShape(shape)}, read as ${input.layout.toUpperCase()}`;
  if (channels != null && channels !== input.channels) {
    throw new ImportedTeacherError('input.channels', `${input.channels} disagrees with the model: ${layoutNote} (${channels} channels; is input.layout right?)`);
  }
  if ((height != null && height !== input.size[0]) || (width != null && width !== input.size[1])) {
    throw new ImportedTeacherError('input.size', `[${input.size.join(', ')}] disagrees with the model: ${layoutNote} (${height ?? '?'} x ${width ?? '?'})`);
  }
}

function checkOutputName(runtime: TeacherRuntime, field: 'output' | 'logits', name: string): void {
  if (!runtime.outputNames.includes(name)) {
    throw new ImportedTeacherError(field, `the model has no output '${name}' (it has: ${runtime.outputNames.join(', ')})`);
  }
  const shape = runtime.outputShape(name);
  if (shape && shape.length !== 2 && shape.length !== 4) {
    throw new ImportedTeacherError(field, `output '${name}' has shape ${describeShape(shape)}; a teacher output must be [N, D] or a rank-4 feature map`);
  }
  if (field === 'logits' && shape && shape.length !== 2) {
    throw new ImportedTeacherError(field, `output '${name}' has shape ${describeShape(shape)}; logits must be [N, classes]`);
  }
}

export interface ImportedTeacherOptions extends TeacherOutputs {
  input: TeacherInput;
  /** Images per forward pass (default 32). */
  batchSize?: number;
}

/** An imported teacher, validated against its `input`/`output` fields, ready to embed views. */
export class ImportedTeacher {
  readonly output: string;
  readonly logits: string | undefined;
  readonly input: TeacherInput;
  private readonly batchSize: number;

  constructor(private readonly runtime: TeacherRuntime, options: ImportedTeacherOptions) {
    this.input = options.input;
    this.batchSize = options.batchSize ?? 32;
    checkInputShape(runtime, options.input);
    this.output = options.output ?? runtime.outputNames[0]!;
    checkOutputName(runtime, 'output', this.output);
    this.logits = options.logits;
    if (this.logits !== undefined) checkOutputName(runtime, 'logits', this.logits);
  }

  get format(): TeacherRuntime['format'] {
    return this.runtime.format;
  }

  /** The declared shape of the output students learn from; rank 4 means extraction average-pools it. */
  get outputShape(): Shape | undefined {
    return this.runtime.outputShape(this.output);
  }

  get outputNames(): readonly string[] {
    return this.runtime.outputNames;
  }

  /** Embeddings (and logits) for a batch of views rendered under `from` (NHWC, [n, h, w, c]). */
  async embed(views: PixelBatch, from: PixelNormalization): Promise<TeacherFeatures> {
    const [n, h, w, c] = views.shape;
    const per = h * w * c;
    const embeddingParts: Float32Array[] = [];
    const logitParts: Float32Array[] = [];
    let embeddingDim = 0;
    let logitsDim = 0;
    const names = this.logits === undefined ? [this.output] : [this.output, this.logits];
    for (let start = 0; start < n; start += this.batchSize) {
      const count = Math.min(this.batchSize, n - start);
      const chunk: PixelBatch = { data: views.data.subarray(start * per, (start + count) * per), shape: [count, h, w, c] };
      const [embedding, logits] = await this.runtime.run(toTeacherPixels(chunk, from, this.input), names);
      const pooled = poolToVectors(embedding!, this.input.layout, 'output');
      assertFinite(pooled.data, pooled.dim, 'output', this.output, start);
      embeddingDim = pooled.dim;
      embeddingParts.push(pooled.data);
      if (logits) {
        if (logits.dims.length !== 2) throw new ImportedTeacherError('logits', `output '${this.logits}' has shape [${logits.dims.join(', ')}]; logits must be [N, classes]`);
        assertFinite(logits.data, logits.dims[1]!, 'logits', this.logits!, start);
        logitsDim = logits.dims[1]!;
        logitParts.push(logits.data);
      }
    }
    return { embeddings: concat(embeddingParts), embeddingDim, ...(this.logits !== undefined && { logits: concat(logitParts) }), logitsDim };
  }

  dispose(): void {
    this.runtime.dispose();
  }
}

function concat(parts: Float32Array[]): Float32Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
