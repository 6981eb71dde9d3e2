// `teachers.<name>` entries with `import:` — a pretrained model file instead of a training run.
// Kept apart from schema.ts: schema.ts only asks isImportedTeacher() and calls readImportedTeacher().
import type { TeacherInput } from '@ssl-distill/models';
import { Fields } from './validate.js';

export interface ImportedTeacherSpec {
  /** A local file (relative to the working directory) or `s3://bucket/key`: a .onnx file or a tfjs model.json. */
  import: { path: string };
  input: TeacherInput;
  /** The output students learn from (default: the model's first). */
  output?: string;
  /** An output of class logits, for HKD/RKD/triplet students. */
  logits?: string;
  /** The pipeline file the entry came from, for errors at run time (not part of the teacher's id). */
  source?: string;
}

const IMPORTED_KEYS = ['import', 'input', 'output', 'logits'];
/** Fields of a trained teacher; an imported one is trained elsewhere. */
const TRAINING_KEYS = ['model', 'method', 'methodConfig', 'dataset', 'plan', 'epochs', 'batchSize', 'optimizer', 'seed', 'checkpointEvery'];

export function isImportedTeacher(entry: Fields): boolean {
  return entry.has('import');
}

function numbers(f: Fields, key: string, count: number | 'any', fallback?: number[]): number[] {
  const values = f.list(key, (item, path) => {
    if (typeof item !== 'number' || !Number.isFinite(item)) f.fail(key, `${path} must be a number, got ${JSON.stringify(item)}`);
    return item;
  }, fallback);
  if (count !== 'any' && values.length !== count) f.fail(key, `expected ${count} numbers, got ${values.length}`);
  return values;
}

function readInput(f: Fields): TeacherInput {
  f.only(['size', 'channels', 'layout', 'scale', 'mean', 'std']);
  const raw = f.raw('size');
  const size = (typeof raw === 'number' ? [raw, raw] : numbers(f, 'size', 2)) as [number, number];
  if (!size.every((d) => Number.isInteger(d) && d >= 1)) f.fail('size', `expected positive integers [height, width], got ${JSON.stringify(raw)}`);
  const channels = f.int('channels', 3, 1);
  const perChannel = (key: string, fallback: number) => {
    const values = numbers(f, key, 'any', [fallback]);
    if (values.length !== 1 && values.length !== channels) f.fail(key, `expected one value or ${channels} (one per channel), got ${values.length}`);
    return values;
  };
  const std = perChannel('std', 1);
  if (std.some((s) => s <= 0)) f.fail('std', `must be positive, got ${JSON.stringify(std)}`);
  return {
    size, channels,
    layout: f.oneOf('layout', ['nchw', 'nhwc'] as const, 'nchw'),
    scale: f.number('scale', 255, { min: Number.MIN_VALUE }),
    mean: perChannel('mean', 0),
    std,
  };
}

/** An imported teacher's fields; giving it training fields is an error, not silently ignored. */
export function readImportedTeacher(f: Fields): ImportedTeacherSpec {
  for (const key of TRAINING_KEYS) {
    if (f.has(key)) f.fail(key, 'an imported teacher is not trained here: remove it (students name the dataset and plan the teacher runs on)');
  }
  f.only(IMPORTED_KEYS);
  const from = f.object('import');
  from.only(['path']);
  return {
    import: { path: from.string('path') },
    input: readInput(f.object('input')),
    ...(f.has('output') && { output: f.string('output') }),
    ...(f.has('logits') && { logits: f.string('logits') }),
    ...(f.source && { source: f.source }),
  };
}
