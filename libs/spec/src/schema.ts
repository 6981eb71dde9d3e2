// The pipeline file: what to import, which teacher to train, which students to distill, how to
// evaluate. Parsed from YAML and validated here, every field at parse time: the file's own fields by
// the definitions in ./pipeline-schema.ts, a run's methodConfig and model by the schemas the method
// and model registries own, and whether each run's plan and teacher suit its method.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { isMapping } from '@ssl-distill/schema';
import type { ImportedTeacherSpec } from './imported-teacher-schema.js';
import { checkRuns, pipelineSchema, seedSchema } from './pipeline-schema.js';
import { ConfigError } from './validate.js';

export { PIPELINE_VERSION, pipelineJsonSchema } from './pipeline-schema.js';

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
  try {
    const resolved = resolveLikes(raw, source);
    const seed = seedSchema.parse(isMapping(resolved) ? resolved['seed'] : undefined, 'seed');
    const spec = pipelineSchema.parse(resolved, '', { seed });
    checkRuns(spec);
    // An imported teacher's errors at run time (its model file, its outputs) name this file.
    if (source) for (const teacher of Object.values(spec.importedTeachers)) teacher.source = source;
    return spec;
  } catch (error) {
    throw error instanceof ConfigError && source ? error.in(source) : error;
  }
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
export function loadPipelineYaml(file: string, extending: string[] = []): unknown {
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
