// A job is done when its result is recorded AND everything it produced is still in the store and
// verifies. A result whose outputs are missing or damaged is no result: the job runs again and
// rebuilds them from its inputs (stages skip what is intact, and the store keeps bytes it already holds).
import type { JobKind } from '@ssl-distill/proto';
import { CorruptObjectError, NotFoundError, type ObjectStore } from '@ssl-distill/store';
import { datasetProblems, featureCacheProblems, readIntact } from '@ssl-distill/data-access';

export const resultKey = (jobId: string) => `jobs/${jobId}/result.json`;

/** The ids a job names that its outputs' keys depend on (the extract job's teacher and dataset). */
export interface JobInputs {
  teacherId?: string;
  datasetId?: string;
}

const MODEL_FILES = ['model.json', 'weights.bin'] as const;

/**
 * Every object of the saved network under `prefix` verifies: its model.json and weights.bin, and
 * those of each head saved beside it (a head with either file left is a head with one missing).
 */
async function modelTreeProblems(store: ObjectStore, prefix: string): Promise<string[]> {
  const keys = await store.list(prefix);
  const folders = new Set([prefix, ...keys.flatMap((key) => {
    const file = MODEL_FILES.find((name) => key.endsWith(`/${name}`));
    return file ? [key.slice(0, -file.length)] : [];
  })]);
  const problems = [...folders].flatMap((folder) => MODEL_FILES.map((name) => `${folder}${name}`)).filter((key) => !keys.includes(key)).map((key) => `${key} missing`);
  for (const key of keys) {
    const read = await readIntact(store, key);
    if ('problem' in read) problems.push(read.problem);
  }
  return problems;
}

/** What is missing or damaged among the outputs a job's result names; empty when all verify. */
export async function jobOutputProblems(store: ObjectStore, kind: JobKind, inputs: JobInputs, result: Record<string, unknown>): Promise<string[]> {
  const text = (field: string) => {
    const value = result[field] ?? inputs[field as keyof JobInputs];
    if (typeof value !== 'string' || value.length === 0) throw new CorruptObjectError(`result of a ${kind} job`, `no ${field}`);
    return value;
  };
  switch (kind) {
    case 'import':
      return datasetProblems(store, text('datasetId'));
    case 'pretrain': {
      const training = await readIntact(store, `runs/${text('runId')}/training.json`);
      return [
        ...(await modelTreeProblems(store, `teachers/${text('teacherId')}/`)),
        ...(await modelTreeProblems(store, `runs/${text('runId')}/model/`)),
        ...('problem' in training ? [training.problem] : []),
      ];
    }
    case 'extract':
      return featureCacheProblems(store, { teacherId: text('teacherId'), datasetId: text('datasetId'), planId: text('planId') });
    case 'train': {
      const runId = text('runId');
      const training = await readIntact(store, `runs/${runId}/training.json`);
      return [...(await modelTreeProblems(store, `runs/${runId}/model/`)), ...('problem' in training ? [training.problem] : [])];
    }
    case 'eval': {
      const runId = text('runId');
      const reads = await Promise.all(['report.json', 'report.html'].map((name) => readIntact(store, `runs/${runId}/${name}`)));
      return reads.flatMap((read) => ('problem' in read ? [read.problem] : []));
    }
    default:
      return [];
  }
}

/**
 * The job's recorded result when it and every output it names exist and verify; undefined when the
 * job must run (again), after saying why when there was a result.
 */
export async function verifiedResult<T>(store: ObjectStore, kind: JobKind, jobId: string, inputs: JobInputs, log: (message: string) => void): Promise<T | undefined> {
  const read = await readIntact(store, resultKey(jobId));
  if ('problem' in read) {
    if (!read.problem.endsWith(' missing')) log(`${kind} job ${jobId}: result ${read.problem}: running it again`);
    return undefined;
  }
  let result: Record<string, unknown>;
  try {
    result = JSON.parse(new TextDecoder().decode(read.bytes)) as Record<string, unknown>;
  } catch {
    log(`${kind} job ${jobId}: result is not JSON: running it again`);
    return undefined;
  }
  let problems: string[];
  try {
    problems = await jobOutputProblems(store, kind, inputs, result);
  } catch (error) {
    if (!(error instanceof CorruptObjectError || error instanceof NotFoundError)) throw error;
    problems = [error.message];
  }
  if (problems.length === 0) return result as T;
  log(`${kind} job ${jobId}: ${problems.join('; ')}: running it again to rebuild ${problems.length === 1 ? 'it' : 'them'}`);
  return undefined;
}
