// One entry point for every kind of imported teacher: the model's bytes in, a validated teacher out.
import { OnnxTeacherRuntime, type OnnxOptions } from './onnx.js';
import { ImportedTeacher, type ImportedTeacherOptions } from './teacher.js';
import { loadTfjsTeacherRuntime, type TfjsModelFiles } from './tfjs.js';

export type ImportedModelFiles = { kind: 'onnx'; bytes: Uint8Array } | ({ kind: 'tfjs' } & TfjsModelFiles);

/** `.onnx` files run on onnxruntime; a `model.json` (layers or graph) on the active tfjs backend. */
export function importedModelKind(path: string): 'onnx' | 'tfjs' | undefined {
  if (/\.onnx$/i.test(path)) return 'onnx';
  if (/\.json$/i.test(path)) return 'tfjs';
  return undefined;
}

export async function loadImportedTeacher(model: ImportedModelFiles, options: ImportedTeacherOptions & OnnxOptions): Promise<ImportedTeacher> {
  const runtime = model.kind === 'onnx' ? await OnnxTeacherRuntime.load(model.bytes, options) : await loadTfjsTeacherRuntime(model);
  try {
    return new ImportedTeacher(runtime, options);
  } catch (error) {
    runtime.dispose();
    throw error;
  }
}
