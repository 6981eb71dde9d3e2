// A job's id is the hash of its inputs: the submitter (jobs.ts) and `distill plan` (plan.ts) both
// name jobs through these, so a planned id is the id a run submits.
import { contentId } from './ids.js';
import type { DatasetSource, EvaluateSpec, StudentSpec, TeacherSpec, ViewPlanSpec } from './schema.js';

export type Curve = { trainId: string; testId: string } | undefined;

export const importJobId = (source: DatasetSource) => contentId('import', source);

interface RunPayload<S> { name: string; spec: S; plan: ViewPlanSpec; curve?: Curve }

export const pretrainPayload = (name: string, spec: TeacherSpec, plan: ViewPlanSpec, curve: Curve): RunPayload<TeacherSpec> => ({ name, spec, plan, curve });
export const pretrainJobId = (payload: RunPayload<TeacherSpec>, trainId: string) => contentId('pretrain', payload, trainId);

export const extractJobId = (teacherId: string, trainId: string, plan: ViewPlanSpec) => contentId('extract', teacherId, trainId, plan);

export const trainPayload = (name: string, spec: StudentSpec, plan: ViewPlanSpec, curve: Curve): RunPayload<StudentSpec> => ({ name, spec, plan, curve });
export const trainJobId = (payload: RunPayload<StudentSpec>, trainId: string, teacherId: string | undefined) => contentId('train', payload, trainId, teacherId ?? '');

export interface EvalRequestIds { runId: string; name: string; role: 'teacher' | 'student'; method: string; model: Record<string, unknown>; seed: number }
export const evalJobId = (request: EvalRequestIds & { trainId: string; testId: string; spec: EvaluateSpec }) => contentId('eval', request);
