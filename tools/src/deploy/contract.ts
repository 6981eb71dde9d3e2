// The names the deployment shares with the apps, taken from libs/bus where it exports them, so the
// deploy tests check the manifests and the NATS config against the code that uses them.
import path from 'node:path';
import { DEFAULT_VIEWS_QUEUE_GROUP, DistillSubjects } from '@ssl-distill/bus';
import { JOB_KINDS, jobKindsOf, type JobKind } from '@ssl-distill/proto';

export { JOB_KINDS, type JobKind };

export const DEPLOY_DIR = path.resolve(import.meta.dirname, '../../../deploy');

export const subjects = new DistillSubjects();
/** One work-queue stream per job kind, e.g. DISTILL_V1_JOBS_TRAIN over distill.v1.jobs.train. */
export const WORK_QUEUES = subjects.workQueues();
export const VIEWS_QUEUE_GROUP = DEFAULT_VIEWS_QUEUE_GROUP;

export function streamOf(kind: JobKind): string {
  return WORK_QUEUES.find((queue) => queue.subjects.includes(subjects.job(kind)))!.stream;
}

/** The durable consumer DistillBus.consumeJobs shares among a kind's workers (its default; not exported by libs/bus). */
export const workerDurable = (kind: JobKind): string => `${kind}-workers`;

export const APPS = ['ingest', 'teacher', 'distill', 'evaluate', 'cli'] as const;
export type App = (typeof APPS)[number];

/** The job kinds each app's workers consume (its NATS user may pull from no other queue): proto's JOB_TABLE. */
export const APP_CONSUMERS: Record<App, readonly JobKind[]> = Object.fromEntries(APPS.map((app) => [app, jobKindsOf(app)])) as Record<App, readonly JobKind[]>;

/** The commands each app's CLI offers to a cluster (its first argument). */
export const APP_COMMANDS: Record<App, readonly string[]> = {
  ingest: ['worker'],
  teacher: ['worker', 'extract'],
  distill: ['worker', 'train'],
  evaluate: ['worker', 'eval'],
  cli: ['run'],
};

/** The HTTP port every worker serves /healthz and /readyz on. */
export const WORKER_HTTP_PORT = 8080;
