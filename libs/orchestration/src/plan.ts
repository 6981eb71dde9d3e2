// `distill plan` / `run --dry-run`: the jobs a pipeline file makes, their ids and dependencies, and
// which results are already in the store, without running anything. An id hashes its inputs, and a
// pretrain / train id hashes dataset ids (and an extract id a teacher id) that exist only once the
// import (pretrain) ran: those ids are given when that result is in the store, else "after <job>".
import type { ObjectStore } from '@ssl-distill/store';
import { evalJobId, extractJobId, importJobId, pretrainJobId, pretrainPayload, trainJobId, trainPayload, type Curve, type PipelineSpec } from '@ssl-distill/spec';
import { resultKey } from './jobs.js';

export type PlannedKind = 'import' | 'pretrain' | 'extract' | 'train' | 'eval';

export interface PlannedJob {
  /** Names the job within the plan, e.g. 'train seed' or 'extract teacher/simclr'. */
  key: string;
  kind: PlannedKind;
  /** Its content id; null while an input id is known only after another job ran. */
  id: string | null;
  needs: string[];
  /** Its result is in the store (a run reuses it). */
  done: boolean;
}

/** The job graph of `spec`, checked against `store`; jobs in dependency order. */
export async function planPipeline(spec: PipelineSpec, store: ObjectStore): Promise<PlannedJob[]> {
  const jobs: PlannedJob[] = [];
  const results = new Map<string, Record<string, unknown> | undefined>();
  const resultOf = async (id: string | null) => {
    if (id === null) return undefined;
    if (!results.has(id)) results.set(id, (await store.exists(resultKey(id))) ? JSON.parse(new TextDecoder().decode(await store.getVerified(resultKey(id)))) : undefined);
    return results.get(id);
  };
  const add = async (key: string, kind: PlannedKind, id: string | null, needs: string[]) => {
    const result = await resultOf(id);
    jobs.push({ key, kind, id, needs: [...new Set(needs)], done: result !== undefined });
    return result;
  };

  const datasetIds = new Map<string, string | undefined>();
  const usedDatasets = new Set([
    ...Object.values(spec.teachers).map((run) => run.dataset),
    ...Object.values(spec.students).map((run) => run.dataset),
    ...(spec.evaluate ? [spec.evaluate.train, spec.evaluate.test] : []),
  ]);
  for (const name of Object.keys(spec.datasets).filter((dataset) => usedDatasets.has(dataset))) {
    const result = await add(`import ${name}`, 'import', importJobId(spec.datasets[name]!), []);
    datasetIds.set(name, result?.['datasetId'] as string | undefined);
  }
  const evalInputs = spec.evaluate ? [`import ${spec.evaluate.train}`, `import ${spec.evaluate.test}`] : [];
  const curve = (): Curve | null => {
    if (!spec.evaluate) return undefined;
    const [trainId, testId] = [datasetIds.get(spec.evaluate.train), datasetIds.get(spec.evaluate.test)];
    return trainId && testId ? { trainId, testId } : null;
  };
  // A student's evaluation names its trained teacher's run (its report shows the teacher's numbers), as runPipeline's does.
  const evaluate = async (name: string, role: 'teacher' | 'student', run: { method: string; model: Record<string, unknown>; seed: number }, after: string, runId: string | null, teacher?: { name: string; runId: string | null }) => {
    if (!spec.evaluate) return;
    const [trainId, testId] = [datasetIds.get(spec.evaluate.train), datasetIds.get(spec.evaluate.test)];
    const known = runId && trainId && testId && (!teacher || teacher.runId);
    const id = known ? evalJobId({ runId, name, role, method: run.method, model: run.model, seed: run.seed, ...(teacher && { teacher }), trainId, testId, spec: spec.evaluate }) : null;
    await add(`eval ${name}`, 'eval', id, [after, ...(teacher ? [`eval ${teacher.name}`] : []), ...evalInputs]);
  };

  const teacherIds = new Map<string, string | undefined>();
  const teacherRunIds = new Map<string, string | null>();
  for (const [name, teacher] of Object.entries(spec.teachers)) {
    const trainId = datasetIds.get(teacher.dataset);
    const runCurve = curve();
    const id = trainId && runCurve !== null ? pretrainJobId(pretrainPayload(name, teacher, spec.plans[teacher.plan]!, runCurve), trainId) : null;
    const result = await add(`pretrain ${name}`, 'pretrain', id, [`import ${teacher.dataset}`, ...evalInputs]);
    teacherIds.set(name, result?.['teacherId'] as string | undefined);
    teacherRunIds.set(name, id);
    await evaluate(name, 'teacher', teacher, `pretrain ${name}`, id);
  }

  const extracts = new Set<string>();
  for (const [name, student] of Object.entries(spec.students)) {
    const trainId = datasetIds.get(student.dataset);
    const plan = spec.plans[student.plan]!;
    const needs = [`import ${student.dataset}`];
    let teacherId: string | undefined;
    if (student.teacher) {
      teacherId = teacherIds.get(student.teacher);
      const key = `extract ${student.teacher}/${student.plan}/${student.dataset}`;
      if (!extracts.has(key)) {
        extracts.add(key);
        // An imported teacher's id is the hash of its model file, known once a run reads it.
        const teacherNeed = spec.importedTeachers[student.teacher] ? `imported teacher ${student.teacher} (its model file)` : `pretrain ${student.teacher}`;
        await add(key, 'extract', teacherId && trainId ? extractJobId(teacherId, trainId, plan) : null, [teacherNeed, `import ${student.dataset}`]);
      }
      needs.push(key);
    }
    const runCurve = curve();
    const ready = trainId && runCurve !== null && (!student.teacher || teacherId);
    const id = ready ? trainJobId(trainPayload(name, student, plan, runCurve), trainId, teacherId) : null;
    await add(`train ${name}`, 'train', id, [...needs, ...evalInputs]);
    const trainedTeacher = student.teacher && teacherRunIds.has(student.teacher) ? { name: student.teacher, runId: teacherRunIds.get(student.teacher)! } : undefined;
    await evaluate(name, 'student', student, `train ${name}`, id, trainedTeacher);
  }
  return jobs;
}

/** The plan as a table: job, id (or what it waits for), in the store or to run, dependencies. */
export function formatPlan(name: string, jobs: PlannedJob[]): string {
  const width = Math.max(...jobs.map((job) => job.key.length));
  const pending = (job: PlannedJob) => `(after ${job.needs.find((need) => jobs.find((other) => other.key === need && !other.done)) ?? job.needs[0]})`;
  const lines = jobs.map((job) => `  ${job.key.padEnd(width)}  ${(job.id ?? pending(job)).padEnd(30)}  ${job.done ? 'in store' : 'to run  '}  ${job.needs.length ? `needs ${job.needs.join(', ')}` : ''}`.trimEnd());
  const done = jobs.filter((job) => job.done).length;
  return [`${name}: ${jobs.length} jobs, ${done} in the store, ${jobs.length - done} to run (nothing was run)`, ...lines].join('\n');
}
