// `teachers.<name>` entries with `import:`: a pretrained model file instead of a training run. The
// pipeline schema picks this definition for an entry that has `import` (see `teacherEntrySchema`).
import type { TeacherInput } from '@ssl-distill/models';
import { array, ConfigError, custom, integer, isMapping, number, object, oneOf, optional, string, type Schema } from '@ssl-distill/schema';

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

/** Fields of a trained teacher; an imported one is trained elsewhere, so each is an error with this hint. */
const TRAINING_KEYS = ['model', 'method', 'methodConfig', 'dataset', 'plan', 'epochs', 'batchSize', 'optimizer', 'seed', 'checkpointEvery'];
const NOT_TRAINED_HERE = 'an imported teacher is not trained here: remove it (students name the dataset and plan the teacher runs on)';

const sizeSchema = custom<[number, number]>((value, path) => {
  const size = typeof value === 'number' ? [value, value] : value;
  if (!Array.isArray(size) || size.length !== 2) {
    throw new ConfigError(path, Array.isArray(size) ? `expected 2 numbers, got ${size.length}` : `expected a size or [height, width], got ${JSON.stringify(value)}`);
  }
  if (!size.every((d) => Number.isInteger(d) && d >= 1)) throw new ConfigError(path, `expected positive integers [height, width], got ${JSON.stringify(value)}`);
  return size as [number, number];
}, {
  description: 'the [height, width] the model takes (one number: square)',
  oneOf: [{ type: 'integer', minimum: 1 }, { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 2, maxItems: 2 }],
});

const perChannel = (fallback: number, description: string) => array(number(), { default: [fallback], minItems: 1, description: `${description}: one value, or one per channel` });

const inputSchema = object({
  size: sizeSchema,
  channels: integer({ min: 1, default: 3, description: 'channels the model takes' }),
  layout: oneOf(['nchw', 'nhwc'] as const, { default: 'nchw', what: 'layout', description: "the model's tensor layout" }),
  scale: number({ min: Number.MIN_VALUE, default: 255, description: 'raw 0..255 pixels are divided by this (255: [0, 1] inputs)' }),
  mean: perChannel(0, 'subtracted after scaling'),
  std: perChannel(1, 'divided by after the mean'),
}, {
  description: "how the model's input is made from the views: x = (raw / scale - mean) / std, resized to size",
  check: (input, fail) => {
    for (const key of ['mean', 'std'] as const) {
      if (input[key].length !== 1 && input[key].length !== input.channels) fail(key, `expected one value or ${input.channels} (one per channel), got ${input[key].length}`);
    }
    if (input.std.some((s) => s <= 0)) fail('std', `must be positive, got ${JSON.stringify(input.std)}`);
  },
});

export const importedTeacherSchema = object({
  import: object({ path: string({ description: 'a .onnx file or a tfjs model.json: a local path or s3://bucket/key' }) }, { description: 'the model file' }),
  input: inputSchema,
  output: optional(string({ description: 'the output students learn from (default: the first); a rank-4 output is average-pooled' })),
  logits: optional(string({ description: 'an output of class logits, for HKD/RKD/triplet students' })),
}, {
  description: 'a pretrained teacher imported from a model file',
  hints: Object.fromEntries(TRAINING_KEYS.map((key) => [key, NOT_TRAINED_HERE])),
});

export const isImportedTeacher = (entry: unknown): boolean => isMapping(entry) && entry['import'] !== undefined;

/**
 * A `teachers` entry: imported when it has `import`, else `trained` (a run of this pipeline). Parsed
 * entries carry which one they are, so the pipeline can split them.
 */
export function teacherEntrySchema<T>(trained: Schema<T>): Schema<{ imported: ImportedTeacherSpec } | { trained: T }> {
  return {
    optional: false,
    parse: (value, path = '', context = {}) => (isImportedTeacher(value)
      ? { imported: importedTeacherSchema.parse(value, path, context) as ImportedTeacherSpec }
      : { trained: trained.parse(value, path, context) }),
    jsonSchema: () => ({ if: { required: ['import'] }, then: importedTeacherSchema.jsonSchema(), else: trained.jsonSchema() }),
  };
}
