// The pipeline file: what to import, which teacher to train, which students to distill, how to
// evaluate. Parsed from YAML and validated here; model and method sub-configs are validated by the
// libs that own them (see ./resolve.ts), with errors that name the field.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { isImportedTeacher, readImportedTeacher, type ImportedTeacherSpec } from './imported-teacher-schema.js';
import { ConfigError, Fields } from './validate.js';

export const PIPELINE_VERSION = 1;

export type DatasetSource =
  | { source: 'idx'; path: string; split: 'train' | 'test'; names: 'fashion-mnist' | 'mnist'; limit?: number }
  | { source: 'cifar'; path: string; split: 'train' | 'test'; limit?: number }
  | { source: 'folder'; path: string; size?: number; channels?: 1 | 3; limit?: number; skipBad?: boolean }
  | { source: 'synthetic'; count: number; height: number; width: number; channels: number; classes: number; seed: number };

export interface ViewPlanSpec {
  kind: 'fixed' | 'replay';
  /** Augmented epochs a `replay` plan defines (teacher features are cached for each). */
  epochs: number;
  /** Views per sample and epoch (2 for two-view methods such as KASSL and SimCLR). */
  views: number;
  preset: string;
  seed: number;
}

export interface OptimizerSpec {
  name: 'sgd' | 'adam';
  lr: number;
  momentum: number;
  weightDecay: number;
  warmupEpochs: number;
  schedule: 'cosine' | 'constant';
}

export interface TrainSpec {
  model: Record<string, unknown>;
  method: string;
  methodConfig: Record<string, unknown>;
  dataset: string;
  plan: string;
  epochs: number;
  batchSize: number;
  optimizer: OptimizerSpec;
  seed: number;
  checkpointEvery: number;
}

export interface TeacherSpec extends TrainSpec {
  /** Which teacher output students learn from: the projection head's embedding, or the backbone's pooled features. */
  output: 'projection' | 'backbone';
}

export interface StudentSpec extends TrainSpec {
  teacher: string;
  /**
   * Subtract the mean teacher embedding (over the whole feature cache) before the loss. For
   * regression-style losses (KASSL, l2) on features with a large common component, e.g. a supervised
   * network's pooled post-ReLU features, where every pair's cosine is near 1. Absent unless set, so
   * the job ids of other students do not change.
   */
  centerTeacher?: boolean;
}

export interface EvaluateSpec {
  train: string;
  test: string;
  knn: { k: number; temperature: number };
  linear: { epochs: number; batchSize: number; lr: number; weightDecay: number } | null;
}

export interface PipelineSpec {
  version: number;
  name: string;
  seed: number;
  datasets: Record<string, DatasetSource>;
  plans: Record<string, ViewPlanSpec>;
  teachers: Record<string, TeacherSpec>;
  /** Teachers (under `teachers:` in the file) imported from a model file instead of trained. */
  importedTeachers: Record<string, ImportedTeacherSpec>;
  students: Record<string, StudentSpec>;
  evaluate: EvaluateSpec | null;
}

function channelCount(f: Fields): 1 | 3 {
  const channels = f.int('channels', undefined, 1);
  if (channels !== 1 && channels !== 3) f.fail('channels', `expected 1 or 3, got ${channels}`);
  return channels;
}

function readDataset(f: Fields): DatasetSource {
  const source = f.oneOf('source', ['idx', 'cifar', 'folder', 'synthetic'] as const);
  switch (source) {
    case 'idx':
      f.only(['source', 'path', 'split', 'names', 'limit']);
      return { source, path: f.string('path'), split: f.oneOf('split', ['train', 'test'] as const), names: f.oneOf('names', ['fashion-mnist', 'mnist'] as const, 'fashion-mnist'), limit: f.optionalInt('limit', 1) };
    case 'cifar':
      f.only(['source', 'path', 'split', 'limit']);
      return { source, path: f.string('path'), split: f.oneOf('split', ['train', 'test'] as const), limit: f.optionalInt('limit', 1) };
    case 'folder':
      f.only(['source', 'path', 'size', 'channels', 'limit', 'skipBad']);
      return {
        source, path: f.string('path'), size: f.optionalInt('size', 1),
        channels: f.has('channels') ? channelCount(f) : undefined,
        limit: f.optionalInt('limit', 1), skipBad: f.has('skipBad') ? f.boolean('skipBad') : undefined,
      };
    case 'synthetic':
      f.only(['source', 'count', 'height', 'width', 'channels', 'classes', 'seed']);
      return { source, count: f.int('count', undefined, 1), height: f.int('height', 28, 4), width: f.int('width', 28, 4), channels: f.int('channels', 1, 1), classes: f.int('classes', 10, 2), seed: f.int('seed', 0) };
  }
}

function readPlan(f: Fields, defaultSeed: number): ViewPlanSpec {
  f.only(['kind', 'epochs', 'views', 'preset', 'seed']);
  const kind = f.oneOf('kind', ['fixed', 'replay'] as const);
  return {
    kind,
    epochs: kind === 'fixed' ? 1 : f.int('epochs', undefined, 1),
    views: f.int('views', 1, 1),
    preset: kind === 'fixed' ? 'none' : f.string('preset', 'simclr'),
    seed: f.int('seed', defaultSeed),
  };
}

function readOptimizer(f: Fields): OptimizerSpec {
  f.only(['name', 'lr', 'momentum', 'weightDecay', 'warmupEpochs', 'schedule']);
  const name = f.oneOf('name', ['sgd', 'adam'] as const, 'sgd');
  return {
    name,
    lr: f.number('lr', name === 'sgd' ? 0.1 : 1e-3, { min: 0 }),
    momentum: f.number('momentum', 0.9, { min: 0, max: 1 }),
    weightDecay: f.number('weightDecay', 5e-4, { min: 0 }),
    warmupEpochs: f.number('warmupEpochs', 0, { min: 0 }),
    schedule: f.oneOf('schedule', ['cosine', 'constant'] as const, 'cosine'),
  };
}

const TRAIN_KEYS = ['model', 'method', 'methodConfig', 'dataset', 'plan', 'epochs', 'batchSize', 'optimizer', 'seed', 'checkpointEvery'];

function readTrain(f: Fields, spec: Pick<PipelineSpec, 'datasets' | 'plans' | 'seed'>): TrainSpec {
  return {
    model: f.json('model'),
    method: f.string('method'),
    methodConfig: f.json('methodConfig', {}),
    dataset: f.reference('dataset', spec.datasets, 'dataset'),
    plan: f.reference('plan', spec.plans, 'view plan'),
    epochs: f.int('epochs', undefined, 1),
    batchSize: f.int('batchSize', 128, 2),
    optimizer: readOptimizer(f.object('optimizer', {})),
    seed: f.int('seed', spec.seed),
    checkpointEvery: f.int('checkpointEvery', 200, 1),
  };
}

function readEvaluate(f: Fields, datasets: Record<string, DatasetSource>): EvaluateSpec {
  f.only(['train', 'test', 'knn', 'linear']);
  const knn = f.object('knn', {}).only(['k', 'temperature']);
  const linear = f.raw('linear') === false ? null : f.object('linear', {}).only(['epochs', 'batchSize', 'lr', 'weightDecay']);
  return {
    train: f.reference('train', datasets, 'dataset'),
    test: f.reference('test', datasets, 'dataset'),
    knn: { k: knn.int('k', 200, 1), temperature: knn.number('temperature', 0.07, { min: 1e-6 }) },
    linear: linear && { epochs: linear.int('epochs', 10, 1), batchSize: linear.int('batchSize', 256, 1), lr: linear.number('lr', 1e-3, { min: 0 }), weightDecay: linear.number('weightDecay', 0, { min: 0 }) },
  };
}

/**
 * Applies `like: <other run>` in `teachers` and `students`: the entry starts from that entry of the
 * same section (itself resolved first) and merges over it as a Merge Patch. Unlike a YAML anchor it
 * reaches runs of an `extends` base, e.g. `seed-s8: { like: seed, seed: 8 }`.
 */
function resolveLikes(raw: unknown, source?: string): unknown {
  if (!isMapping(raw)) return raw;
  const resolved = { ...raw };
  for (const section of ['teachers', 'students'] as const) {
    const runs = raw[section];
    if (!isMapping(runs)) continue;
    const done = new Map<string, unknown>();
    const resolveRun = (name: string, chain: string[]): unknown => {
      if (done.has(name)) return done.get(name);
      const run = runs[name];
      if (!isMapping(run) || run['like'] === undefined) return run;
      const { like, ...own } = run;
      const field = `${section}.${name}.like`;
      if (typeof like !== 'string' || like === '') throw new ConfigError(field, `expected the name of another entry of ${section}, got ${JSON.stringify(like)}`, source);
      if (!isMapping(runs[like])) throw new ConfigError(field, `no ${section} entry '${like}' (have: ${Object.keys(runs).join(', ')})`, source);
      if (chain.includes(like)) throw new ConfigError(field, `forms a cycle: ${[...chain, like].join(' -> ')}`, source);
      const merged = mergeOver(resolveRun(like, [...chain, like]), own);
      done.set(name, merged);
      return merged;
    };
    resolved[section] = Object.fromEntries(Object.keys(runs).map((name) => [name, resolveRun(name, [name])]));
  }
  return resolved;
}

/** Validates an already-parsed pipeline object. `source` names the file in errors. */
export function readPipeline(raw: unknown, source?: string): PipelineSpec {
  const f = Fields.root(resolveLikes(raw, source), source).only(['version', 'name', 'seed', 'datasets', 'plans', 'teachers', 'students', 'evaluate']);
  const version = f.int('version', PIPELINE_VERSION, 1);
  if (version !== PIPELINE_VERSION) f.fail('version', `this ssl-distill reads pipeline version ${PIPELINE_VERSION}, got ${version}`);
  const seed = f.int('seed', 0);
  const datasets = f.entries('datasets', readDataset, { required: true });
  const plans = { fixed: { kind: 'fixed', epochs: 1, views: 1, preset: 'none', seed } as ViewPlanSpec, ...f.entries('plans', (p) => readPlan(p, seed)) };
  const base = { datasets, plans, seed };
  const teachers: Record<string, TeacherSpec> = {};
  const importedTeachers: Record<string, ImportedTeacherSpec> = {};
  f.entries('teachers', (t, name) => {
    if (isImportedTeacher(t)) {
      importedTeachers[name] = readImportedTeacher(t);
      return;
    }
    t.only([...TRAIN_KEYS, 'output']);
    teachers[name] = { ...readTrain(t, base), output: t.oneOf('output', ['projection', 'backbone'] as const, 'projection') };
  });
  const students = f.entries('students', (s) => {
    s.only([...TRAIN_KEYS, 'teacher', 'centerTeacher']);
    const teacher = s.has('teacher') ? s.reference('teacher', { ...teachers, ...importedTeachers }, 'teacher') : '';
    const centerTeacher = s.boolean('centerTeacher', false);
    if (centerTeacher && !teacher) s.fail('centerTeacher', 'needs a teacher');
    return { ...readTrain(s, base), teacher, ...(centerTeacher && { centerTeacher }) };
  });
  return {
    version,
    name: f.string('name'),
    seed,
    datasets,
    plans,
    teachers,
    importedTeachers,
    students,
    evaluate: f.has('evaluate') ? readEvaluate(f.object('evaluate'), datasets) : null,
  };
}

/**
 * The pipeline cut down to the named teachers and students, plus the teachers those students learn
 * from. Job ids are content ids of each run, so the selected runs share results with whole-file runs.
 */
export function selectRuns(spec: PipelineSpec, names: readonly string[]): PipelineSpec {
  const known = [...Object.keys(spec.teachers), ...Object.keys(spec.importedTeachers), ...Object.keys(spec.students)];
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new ConfigError('--only', `no teacher or student ${unknown.map((name) => `'${name}'`).join(', ')} in ${spec.name} (have: ${known.join(', ')})`);
  const students = Object.fromEntries(Object.entries(spec.students).filter(([name]) => names.includes(name)));
  const needed = new Set([...names, ...Object.values(students).map((student) => student.teacher)]);
  const teachers = Object.fromEntries(Object.entries(spec.teachers).filter(([name]) => needed.has(name)));
  const importedTeachers = Object.fromEntries(Object.entries(spec.importedTeachers).filter(([name]) => needed.has(name)));
  return { ...spec, teachers, importedTeachers, students };
}

export function parsePipeline(text: string, source = 'pipeline'): PipelineSpec {
  return readPipeline(parseYamlText(text, source), source);
}

function parseYamlText(text: string, source: string): unknown {
  try {
    // Merge keys (`<<: *base`) let one file hold variants of a run that differ in a field or two.
    return parseYaml(text, { merge: true });
  } catch (error) {
    throw new ConfigError('(yaml)', (error as Error).message.split('\n')[0] ?? 'unreadable YAML', source);
  }
}

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON Merge Patch (RFC 7396): mappings merge key by key, own values win, a null removes the key. */
function mergeOver(base: unknown, own: unknown): unknown {
  if (!isMapping(own)) return own;
  const merged: Record<string, unknown> = isMapping(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(own)) {
    if (value === null) delete merged[key];
    else merged[key] = mergeOver(merged[key], value);
  }
  return merged;
}

/** A pipeline file's YAML with its `extends` chain applied (paths relative to the extending file). */
function loadPipelineYaml(file: string, extending: string[]): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const where = extending.length > 0 ? ` (extended by ${extending.at(-1)})` : '';
    throw new ConfigError('(file)', `cannot read pipeline file${where}: ${(error as Error).message}`, file);
  }
  const raw = parseYamlText(text, file);
  if (!isMapping(raw) || raw['extends'] === undefined) return raw;
  const { extends: base, ...own } = raw;
  if (typeof base !== 'string' || base === '') throw new ConfigError('extends', 'must be the path of another pipeline file', file);
  const chain = [...extending, resolve(file)];
  const basePath = resolve(dirname(file), base);
  if (chain.includes(basePath)) throw new ConfigError('extends', `extends itself: ${[...chain, basePath].join(' -> ')}`, file);
  return mergeOver(loadPipelineYaml(basePath, chain), own);
}

/**
 * Reads and validates a pipeline file; an unreadable file is a ConfigError naming it. A file with
 * `extends: <other.yaml>` starts from that file: mappings merge key by key, its own values win and
 * `null` removes a key (e.g. the same experiment on another dataset overrides only `name` and
 * `datasets`). `like` (see resolveLikes) applies after the whole chain is merged.
 */
export function readPipelineFile(file: string): PipelineSpec {
  return readPipeline(loadPipelineYaml(file, []), file);
}
