// The definitions of a pipeline file's fields: `readPipeline` validates with them and `distill schema`
// prints them as JSON Schema. A run's methodConfig is the schema its method's registry entry declares
// (so a new method needs no change here); its model is the models lib's spec.
import { PRESET_NAMES as VIEW_PRESETS } from '@ssl-distill/augment';
import { methodNames, methodNeeds, methodRegistry, type MethodName } from '@ssl-distill/methods';
import { backboneJsonSchema, resolveBackboneSpec } from '@ssl-distill/models';
import {
  asWritten, boolean, ConfigError, custom, integer, isMapping, mapped, number, object, oneOf, optional, record, string, unknownName, variants,
  type ObjectSchema, type Schema, type Shape,
} from '@ssl-distill/schema';
import { teacherEntrySchema, type ImportedTeacherSpec } from './imported-teacher-schema.js';
import type { DatasetSource, EvaluateSpec, OptimizerSpec, PipelineSpec, StudentSpec, TeacherSpec, ViewPlanSpec } from './schema.js';

export const PIPELINE_VERSION = 1;

const NAMES = { pattern: /^[a-z0-9][a-z0-9-]*$/, hint: 'names use lower-case letters, digits and dashes' };

/** Defaults to the file's top-level seed. */
const seedField = (description: string) => integer({ min: 0, default: (context) => context['seed'] as number, description: `${description} (default: the pipeline's seed)` });
export const seedSchema = integer({ min: 0, default: 0, description: 'seeds every run, plan and dataset that sets none' });

const split = oneOf(['train', 'test'] as const, { what: 'split' });
const limit = optional(integer({ min: 1, description: 'import only the first N images' }));
const path = string({ description: 'a directory on the importing machine' });

export const datasetSchema: Schema<DatasetSource> = variants('source', {
  idx: object({ path, split, names: oneOf(['fashion-mnist', 'mnist'] as const, { default: 'fashion-mnist', what: 'class names' }), limit }, { description: 'IDX files (MNIST, Fashion-MNIST)' }),
  cifar: object({ path, split, limit }, { description: 'CIFAR-10 binary batches' }),
  folder: object({
    path,
    size: optional(integer({ min: 1, description: 'shorter side to size, then a centre crop to size x size (default: each image kept at its own size)' })),
    channels: optional(integer({ min: 1, max: 3, description: '1 (luma) or 3 (sRGB); default: 3' })),
    limit,
    skipBad: optional(boolean({ description: 'import the rest when a file is not a readable image, and report which were skipped' })),
  }, {
    description: 'images: one sub-folder per class, or a flat folder without labels (JPEG, PNG, WebP, ...)',
    check: ({ channels }, fail) => {
      if (channels === 2) fail('channels', 'expected 1 or 3, got 2');
    },
  }),
  synthetic: object({
    count: integer({ min: 1 }),
    height: integer({ min: 4, default: 28 }),
    width: integer({ min: 4, default: 28 }),
    channels: integer({ min: 1, default: 1 }),
    classes: integer({ min: 2, default: 10 }),
    seed: integer({ min: 0, default: 0 }),
  }, { description: 'generated images, for tests' }),
}, { what: 'dataset source' }) as Schema<DatasetSource>;

/** The parsed form of a fixed plan (its seed is hashed into job ids, though no augmentation reads it). */
const fixedPlan = (seed: number): ViewPlanSpec => ({ kind: 'fixed', epochs: 1, views: 1, preset: 'none', seed });

const views = integer({ min: 1, default: 1, description: 'views per sample and epoch (2 for two-view methods such as SimCLR and KASSL)' });
const planSchema: Schema<ViewPlanSpec> = mapped(
  variants('kind', {
    // A fixed plan is one view of the image as it is: views and seed would be ignored, so it takes neither.
    fixed: object({}, { description: 'one un-augmented view of each image' }),
    replay: object({
      epochs: integer({ min: 1, description: 'augmented epochs (teacher features are cached for each)' }),
      views,
      preset: oneOf(VIEW_PRESETS, { default: 'simclr', what: 'augmentation preset' }),
      seed: seedField('view seed'),
    }, { description: 'E augmented epochs, replayed bit for bit by every run of the plan' }),
  }, { what: 'view plan kind' }),
  (plan, _at, context) => (plan.kind === 'fixed' ? fixedPlan(context['seed'] as number) : plan),
);

const lr = (fallback: number) => number({ min: 0, default: fallback, description: 'peak learning rate' });
const scheduleFields = {
  weightDecay: number({ min: 0, default: 5e-4 }),
  warmupEpochs: number({ min: 0, default: 0, description: 'linear warm-up (cosine schedule only)' }),
  schedule: oneOf(['cosine', 'constant'] as const, { default: 'cosine', what: 'schedule' }),
};
const warmupNeedsCosine = (optimizer: { warmupEpochs: number; schedule: string }, fail: (key: string, reason: string) => never) => {
  if (optimizer.warmupEpochs > 0 && optimizer.schedule === 'constant') fail('warmupEpochs', 'a constant schedule has no warm-up (use schedule: cosine, or drop warmupEpochs)');
};
const optimizerSchema: Schema<OptimizerSpec> = mapped(
  variants('name', {
    sgd: object({ lr: lr(0.1), momentum: number({ min: 0, max: 1, default: 0.9 }), ...scheduleFields }, { check: warmupNeedsCosine }),
    adam: object({ lr: lr(1e-3), ...scheduleFields }, { check: warmupNeedsCosine, description: 'AdamW (decoupled weight decay)' }),
  }, { what: 'optimizer', default: 'sgd', optional: true }),
  // Adam runs have always carried momentum 0.9 in their parsed spec (unused), which their job ids hash.
  (optimizer) => (optimizer.name === 'adam' ? { ...optimizer, momentum: 0.9 } : optimizer) as OptimizerSpec,
);

/** The model as written (its form is hashed into job ids), checked and described by the models lib's schemas. */
const modelSchema = custom((value, at) => {
  if (!isMapping(value)) throw new ConfigError(at, value === undefined ? 'required mapping is missing' : 'expected a mapping');
  resolveBackboneSpec(value, at);
  return value;
}, { description: 'the backbone: a named preset (optionally with inputShape, name, seed) or an architecture written out', ...backboneJsonSchema() });

/** Fields of a method's full config that a run sets from its other fields, and where to write them. */
const SET_BY_THE_RUN: Record<string, string> = {
  backbone: "the network is the run's model field",
  optimizer: "set the run's optimizer field",
  schedule: "set by the run's optimizer (lr, schedule, warmupEpochs)",
  seed: "set the run's seed field",
  numClasses: "filled in from the run's dataset",
  teacherDim: "filled in from the teacher's features",
};

function methodConfigSchema(name: MethodName): Schema<Record<string, unknown>> {
  const config = methodRegistry[name].config as ObjectSchema<unknown>;
  return asWritten(object(config.shape, { ...config.options, optional: true, hints: SET_BY_THE_RUN, description: `${name} settings (defaults shown)` }) as Schema<unknown>);
}

/** A teacher or student: the same fields for every method but methodConfig, which the method picks. */
function runSchema<T>(own: Shape, description: string): Schema<T> {
  const shapes = Object.fromEntries(methodNames.map((name) => [name, object({
    model: modelSchema,
    methodConfig: methodConfigSchema(name),
    dataset: string({ description: 'a dataset of this file' }),
    plan: string({ description: "a view plan of this file (or 'fixed')" }),
    epochs: integer({ min: 1 }),
    batchSize: integer({ min: 2, default: 128 }),
    optimizer: optimizerSchema,
    seed: seedField('run seed'),
    checkpointEvery: integer({ min: 1, default: 200, description: 'steps between checkpoints' }),
    ...own,
  }, { description: methodRegistry[name].description, preprocessed: { like: { type: 'string', description: 'start from another entry of this section and override fields' } }, inheritsWith: 'like' })]));
  return variants('method', shapes, { what: 'method', description, inheritsWith: 'like' }) as Schema<T>;
}

const teacherSchema = runSchema<TeacherSpec>({
  output: oneOf(['projection', 'backbone'] as const, { default: 'projection', what: 'teacher output', description: "what students learn from: the projection head's embedding or the backbone's pooled features" }),
}, 'a teacher trained on the pipeline');

const studentSchema: Schema<StudentSpec> = mapped(
  runSchema<StudentSpec & { centerTeacher: boolean }>({
    teacher: optional(string({ description: 'the teacher whose cached features it learns from' })),
    centerTeacher: boolean({ default: false, description: 'subtract the mean teacher embedding before the loss' }),
  }, 'a student'),
  ({ centerTeacher, ...student }, at) => {
    if (centerTeacher && !student.teacher) throw new ConfigError(`${at}.centerTeacher`, 'needs a teacher');
    // Absent unless set, so the job ids of other students do not change.
    return { ...student, teacher: student.teacher ?? '', ...(centerTeacher && { centerTeacher }) };
  },
);

const linearSchema = object({
  epochs: integer({ min: 1, default: 10 }),
  batchSize: integer({ min: 1, default: 256 }),
  lr: number({ min: 0, default: 1e-3 }),
  weightDecay: number({ min: 0, default: 0 }),
}, { optional: true, description: 'linear probe (false: none)' });

const evaluateSchema: Schema<EvaluateSpec> = object({
  train: string({ description: 'dataset the probes fit on' }),
  test: string({ description: 'dataset the probes are scored on' }),
  knn: object({ k: integer({ min: 1, default: 200 }), temperature: number({ min: 1e-6, default: 0.07 }) }, { optional: true, description: 'weighted k-NN probe' }),
  linear: {
    optional: true,
    parse: (value, at, context) => (value === false ? null : linearSchema.parse(value, at, context)),
    jsonSchema: () => ({ anyOf: [{ const: false }, linearSchema.jsonSchema()] }),
  } satisfies Schema<EvaluateSpec['linear']>,
}, { description: 'k-NN and linear probes of every run' });


export const pipelineSchema: Schema<PipelineSpec> = mapped(
  object({
    version: integer({ min: 1, default: PIPELINE_VERSION, description: 'pipeline file version' }),
    name: string({ description: 'names the pipeline in reports' }),
    seed: seedSchema,
    datasets: record(datasetSchema, { names: NAMES, description: 'datasets to import, by name' }),
    plans: record(planSchema, { optional: true, names: NAMES, description: "view plans by name ('fixed' is always defined)" }),
    teachers: record(teacherEntrySchema(teacherSchema), { optional: true, names: NAMES, description: 'teachers to train, or to import (`import:`), by name' }),
    students: record(studentSchema, { optional: true, names: NAMES, description: 'students to train, by name' }),
    evaluate: optional(evaluateSchema),
  }, {
    description: 'an ssl-distill pipeline file',
    preprocessed: { extends: { type: 'string', description: 'path of a pipeline file this one merges over' } },
    inheritsWith: 'extends',
    check: ({ version }, fail) => {
      if (version !== PIPELINE_VERSION) fail('version', `this ssl-distill reads pipeline version ${PIPELINE_VERSION}, got ${version}`);
    },
  }),
  ({ teachers: entries, ...spec }) => {
    const teachers: Record<string, TeacherSpec> = {};
    const importedTeachers: Record<string, ImportedTeacherSpec> = {};
    for (const [name, entry] of Object.entries(entries)) {
      if ('imported' in entry) importedTeachers[name] = entry.imported;
      else teachers[name] = entry.trained;
    }
    return { ...spec, teachers, importedTeachers, plans: { fixed: fixedPlan(spec.seed), ...spec.plans }, evaluate: spec.evaluate ?? null } as PipelineSpec;
  },
);

/** The JSON Schema of pipeline files (draft-07), for editors: `distill schema`. */
export function pipelineJsonSchema(): Record<string, unknown> {
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: 'ssl-distill pipeline', ...pipelineSchema.jsonSchema() };
}

function reference(at: string, name: string, known: Record<string, unknown>, what: string): void {
  if (!Object.hasOwn(known, name)) throw new ConfigError(at, unknownName(what, name, Object.keys(known)).replace(`(expected one of`, '(defined'));
}

/**
 * What the field definitions cannot see: names that refer to other entries, and whether each run's
 * plan, teacher and dataset give its method what it needs (views, teacher embeddings or logits).
 */
export function checkRuns(spec: PipelineSpec): void {
  const runs = [
    ...Object.entries(spec.teachers).map(([name, run]) => ({ at: `teachers.${name}`, run, teacher: undefined as string | undefined })),
    ...Object.entries(spec.students).map(([name, run]) => ({ at: `students.${name}`, run: run as TeacherSpec | StudentSpec, teacher: run.teacher })),
  ];
  for (const { at, run, teacher } of runs) {
    reference(`${at}.dataset`, run.dataset, spec.datasets, 'dataset');
    reference(`${at}.plan`, run.plan, spec.plans, 'view plan');
    if (teacher) reference(`${at}.teacher`, teacher, { ...spec.teachers, ...spec.importedTeachers }, 'teacher');
    const needs = methodNeeds(run.method as MethodName, run.methodConfig, `${at}.methodConfig`);
    const plan = spec.plans[run.plan]!;
    if (plan.views < needs.views) {
      throw new ConfigError(`${at}.plan`, `${run.method} needs ${needs.views} views a sample; plan '${run.plan}' has ${plan.views} (use a plan with views: ${needs.views})`);
    }
    const fromTeacher = [needs.teacherEmbeddings && 'embeddings', needs.teacherLogits && 'logits'].filter(Boolean).join(' and ');
    if (fromTeacher && !teacher) {
      throw new ConfigError(`${at}.${at.startsWith('teachers.') ? 'method' : 'teacher'}`, `${run.method} learns from teacher ${fromTeacher}: ${at.startsWith('teachers.') ? 'a teacher is trained without one' : 'name a teacher'}`);
    }
    const imported = teacher ? spec.importedTeachers[teacher] : undefined;
    if (needs.teacherLogits && imported && !imported.logits) {
      throw new ConfigError(`${at}.method`, `${run.method} needs teacher logits; imported teacher '${teacher}' names no logits output (add logits: <output name>)`);
    }
    if (needs.teacherLogits && teacher && !imported) {
      const teacherMethod = spec.teachers[teacher]!.method as MethodName;
      if (!methodRegistry[teacherMethod].classifier) throw new ConfigError(`${at}.method`, `${run.method} needs teacher logits; teacher '${teacher}' (${teacherMethod}) has no classifier`);
    }
  }
  if (spec.evaluate) {
    reference('evaluate.train', spec.evaluate.train, spec.datasets, 'dataset');
    reference('evaluate.test', spec.evaluate.test, spec.datasets, 'dataset');
  }
}
