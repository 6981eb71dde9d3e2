// Imported teachers in the store: the model's files are copied to teachers/{teacherId}/ with a
// record of its input/output fields, teacherId = sha256 of the model bytes and those fields, so
// every worker loads the same bytes and a changed model (or preprocessing) is a new feature cache.
// The submitter imports: it must read the bytes to know the id anyway, and a bad model then fails
// before any job is queued and before anything is written.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DEFAULT_NORMALIZATION } from '@ssl-distill/augment';
import {
  ImportedTeacherError, importedModelKind, loadImportedTeacher, parseTfjsModelJson, tfjsWeightPaths,
  type ImportedModelFiles, type ImportedTeacher, type OnnxOptions,
} from '@ssl-distill/models';
import { S3Store, storeConfigFromEnv, type ObjectStore } from '@ssl-distill/store';
import { canonical, bytesId, type ImportedTeacherSpec, ConfigError } from '@ssl-distill/spec';
import type { ViewSource } from '@ssl-distill/data-access';

/** Written last under teachers/{teacherId}/: its presence means the model's files are all there. */
export const IMPORTED_TEACHER_RECORD = 'imported.json';

interface ImportedTeacherRecord {
  format: 'onnx' | 'tfjs';
  /** The model's files under teachers/{teacherId}/, the ONNX file or model.json first. */
  files: string[];
  input: ImportedTeacherSpec['input'];
  output?: string;
  logits?: string;
}

/** What a pipeline run says about an imported teacher (the printed plan's line). */
export interface ImportedTeacherRow {
  teacher: string;
  teacherId: string;
  format: string;
  output: string;
  outputShape: string;
  /** True when the output is a rank-4 feature map that extraction average-pools to [N, C]. */
  pooled: boolean;
  logits?: string;
}

export function describeImportedTeacher(row: ImportedTeacherRow): string {
  const pooled = row.pooled ? `, a rank-4 feature map average-pooled to [N, C]` : '';
  return `teacher ${row.teacher}: imported ${row.format} model as teachers/${row.teacherId}/; students learn from output '${row.output}' ${row.outputShape}${pooled}${row.logits ? `, logits '${row.logits}'` : ''}`;
}

/** A model file's bytes: a local path, or s3://bucket/key on the store's S3 endpoint (else S3_ENDPOINT's). */
async function readModelFile(path: string, store: ObjectStore): Promise<Uint8Array> {
  const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(path);
  if (!s3) return new Uint8Array(await readFile(path));
  const [, bucket, key] = s3 as unknown as [string, string, string];
  const fromEnv = storeConfigFromEnv({ ...process.env, ...(process.env['S3_ENDPOINT'] && { S3_BUCKET: bucket }) });
  const source = store instanceof S3Store ? store.inBucket(bucket) : fromEnv?.kind === 's3' ? new S3Store({ ...fromEnv, bucket }) : undefined;
  if (!source) throw new Error(`an s3:// path needs an S3 store (--s3) or S3_ENDPOINT with S3_ACCESS_KEY and S3_SECRET_KEY`);
  return source.get(key);
}

const joinModelPath = (modelJsonPath: string, relative: string) =>
  modelJsonPath.startsWith('s3://') ? `${modelJsonPath.slice(0, modelJsonPath.lastIndexOf('/') + 1)}${relative}` : join(dirname(modelJsonPath), relative);

/** The model's files (by their names under teachers/{id}/) and the runtime-ready form of them. */
async function readModelFiles(spec: ImportedTeacherSpec, store: ObjectStore): Promise<{ format: 'onnx' | 'tfjs'; files: Map<string, Uint8Array> }> {
  const path = spec.import.path;
  const format = importedModelKind(path);
  if (!format) throw new ImportedTeacherError('import.path', `'${path}' is neither a .onnx file nor a tfjs model.json`);
  const read = async (file: string) => {
    try {
      return await readModelFile(file, store);
    } catch (error) {
      throw new ImportedTeacherError('import.path', `cannot read '${file}': ${(error as Error).message}`);
    }
  };
  const main = await read(path);
  if (format === 'onnx') return { format, files: new Map([['model.onnx', main]]) };
  const files = new Map([['model.json', main]]);
  for (const weights of tfjsWeightPaths(parseTfjsModelJson(main))) files.set(weights, await read(joinModelPath(path, weights)));
  return { format, files };
}

function modelFilesOf(format: 'onnx' | 'tfjs', files: ReadonlyMap<string, Uint8Array>): ImportedModelFiles {
  if (format === 'onnx') return { kind: 'onnx', bytes: files.get('model.onnx')! };
  return { kind: 'tfjs', modelJson: files.get('model.json')!, weights: files };
}

function fieldsOf(spec: ImportedTeacherSpec): Omit<ImportedTeacherRecord, 'files' | 'format'> {
  return { input: spec.input, ...(spec.output && { output: spec.output }), ...(spec.logits && { logits: spec.logits }) };
}

/** An ImportedTeacherError about a field of teachers.<name>, as a ConfigError naming the pipeline file. */
function asConfigError(error: unknown, name: string, spec: ImportedTeacherSpec): unknown {
  if (!(error instanceof ImportedTeacherError)) return error;
  const field = error.field.startsWith('--') ? error.field : `teachers.${name}.${error.field}`;
  return new ConfigError(field, error.reason, spec.source);
}

export interface ImportTarget {
  store: ObjectStore;
  views: ViewSource;
  /** The dataset the teacher will run on (a student's), checked against the teacher's input fields. */
  dataset: { name: string; id: string; channels: number; height: number; width: number; count: number };
}

/** Images of the dataset the teacher runs once before it is accepted (its outputs must be finite). */
const PROBE_IMAGES = 8;

/**
 * Reads the model, checks it (a loadable model, its outputs, its input against the `input` fields and
 * the dataset, finite outputs on a few of the dataset's images) and only then copies it into the store.
 * Every problem is a ConfigError naming the pipeline file and the teacher's field; nothing is written.
 */
export async function importTeacher(name: string, spec: ImportedTeacherSpec, target: ImportTarget): Promise<ImportedTeacherRow> {
  const { store, dataset } = target;
  try {
    const { format, files } = await readModelFiles(spec, store);
    const fields = fieldsOf(spec);
    const teacherId = bytesId(...files.values(), new TextEncoder().encode(canonical({ format, ...fields })));
    if (dataset.channels !== spec.input.channels) {
      throw new ImportedTeacherError('input.channels', `${spec.input.channels} disagrees with dataset '${dataset.name}', whose images have ${dataset.channels} channel(s)`);
    }
    const teacher = await loadImportedTeacher(modelFilesOf(format, files), { ...fields, threads: 1 });
    let row: ImportedTeacherRow;
    try {
      const shape = teacher.outputShape;
      const probe = await target.views.render(dataset.id, { kind: 'fixed' }, Array.from({ length: Math.min(PROBE_IMAGES, dataset.count) }, (_, i) => i), 0, 0);
      const features = await teacher.embed(probe, DEFAULT_NORMALIZATION);
      row = {
        teacher: name, teacherId, format: teacher.format, output: teacher.output,
        outputShape: shape ? `[${shape.map((d) => d ?? 'N').join(', ')}]` : `(${features.embeddingDim} after pooling)`,
        pooled: shape ? shape.length === 4 : false,
        ...(teacher.logits && { logits: teacher.logits }),
      };
    } finally {
      teacher.dispose();
    }
    const prefix = `teachers/${teacherId}/`;
    if (!(await store.exists(`${prefix}${IMPORTED_TEACHER_RECORD}`))) {
      for (const [file, bytes] of files) await store.putVerified(`${prefix}${file}`, bytes);
      const record: ImportedTeacherRecord = { format, files: [...files.keys()], ...fields };
      await store.putVerified(`${prefix}${IMPORTED_TEACHER_RECORD}`, new TextEncoder().encode(JSON.stringify(record)));
    }
    return row;
  } catch (error) {
    throw asConfigError(error, name, spec);
  }
}

/** The imported teacher stored under teachers/{teacherId}/, or undefined when that teacher was trained here. */
export async function loadStoredImportedTeacher(store: ObjectStore, teacherId: string, runtime: OnnxOptions = {}): Promise<ImportedTeacher | undefined> {
  const prefix = `teachers/${teacherId}/`;
  if (!(await store.exists(`${prefix}${IMPORTED_TEACHER_RECORD}`))) return undefined;
  const record = JSON.parse(new TextDecoder().decode(await store.getVerified(`${prefix}${IMPORTED_TEACHER_RECORD}`))) as ImportedTeacherRecord;
  const files = new Map<string, Uint8Array>();
  for (const file of record.files) files.set(file, await store.getVerified(`${prefix}${file}`));
  return loadImportedTeacher(modelFilesOf(record.format, files), { input: record.input, output: record.output, logits: record.logits, ...runtime });
}
