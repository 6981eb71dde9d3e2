// What a process says about itself and about how it failed: `--version`, the versions a report
// records, and a failure as one line of text or, with --json, one JSON line.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { ServiceConfigError } from '@ssl-distill/service';
import { TrainingDivergedError } from './divergence.js';
import { ConfigError } from '@ssl-distill/spec';

/** The release, from this lib's package.json (the workspace versions move together). */
export const SSL_DISTILL_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The software a run was made with, for its report. */
export function softwareVersions(): Record<string, string> {
  return { 'ssl-distill': SSL_DISTILL_VERSION, tfjs: tf.version.tfjs, node: process.version };
}

/** What `<app> --version` prints. */
export function versionText(app: string): string {
  return `${app} ${SSL_DISTILL_VERSION} (ssl-distill; tfjs ${tf.version.tfjs}, node ${process.version})`;
}

/** A failure as a JSON line (`--json`): what kind it is, its message, and what it is about where known. */
export interface FailureLine {
  type: 'error';
  /** config: a file, flag or field is wrong (fix it and rerun); diverged: training stopped at a non-finite loss; job: a job failed on a worker; error: anything else. */
  kind: 'config' | 'diverged' | 'job' | 'error';
  message: string;
  /** The file the error is about (a pipeline file, a report). */
  file?: string;
  /** The field of that file, as a path (`students.small.optimizer.lr`). */
  field?: string;
  /** The job that failed, and its kind (import, pretrain, extract, train, eval). */
  jobId?: string;
  jobKind?: string;
}

const fieldOf = (error: object, name: string): string | undefined => {
  const value = (error as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

export function failureLine(error: unknown): FailureLine {
  if (!(error instanceof Error)) return { type: 'error', kind: 'error', message: String(error) };
  // A job's failure carries what its worker knew (JobFailedError.detail); the rest is read off the error.
  const detail = (error as { detail?: Partial<FailureLine> }).detail ?? {};
  const kind: FailureLine['kind'] = error instanceof ConfigError || error instanceof ServiceConfigError ? 'config'
    : error instanceof TrainingDivergedError ? 'diverged'
    : detail.kind ?? (error.name === 'JobFailedError' ? 'job' : 'error');
  const file = error instanceof ConfigError ? error.source : detail.file;
  const field = error instanceof ConfigError ? error.field : detail.field;
  const jobId = fieldOf(error, 'jobId') ?? detail.jobId;
  const jobKind = error.name === 'JobFailedError' ? fieldOf(error, 'kind') : detail.jobKind;
  return { type: 'error', kind, message: error.message, ...(file && { file }), ...(field && { field }), ...(jobId && { jobId }), ...(jobKind && { jobKind }) };
}

/** The catch of every app's main: the message on stderr, with --json also a FailureLine on stdout; exit code 1. */
export function exitWithFailure(app: string, error: unknown, argv: readonly string[] = process.argv): never {
  process.stderr.write(`${app}: ${error instanceof Error ? error.message : String(error)}\n`);
  if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(failureLine(error))}\n`);
  process.exit(1);
}
