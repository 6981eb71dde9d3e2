import { describe, expect, it } from 'vitest';
import { failureLine, SSL_DISTILL_VERSION, TrainingDivergedError, versionText } from '@ssl-distill/stages';
import { JobFailedError } from '../src/jobs.js';
import { ConfigError } from '@ssl-distill/spec';

describe('failureLine', () => {
  it('a config error names its file and field', () => {
    expect(failureLine(new ConfigError('students.small.optimizer.lr', 'must be >= 0, got -1', 'run.yaml'))).toEqual({
      type: 'error', kind: 'config', message: 'run.yaml: students.small.optimizer.lr: must be >= 0, got -1', file: 'run.yaml', field: 'students.small.optimizer.lr',
    });
  });

  it("a job's failure carries what its worker knew (the divergence), and the job's id and kind", () => {
    const diverged = new TrainingDivergedError({ method: 'seed', step: 3, total: 8, epoch: 1, what: 'loss is NaN', learningRate: 5 });
    const worker = { ...failureLine(diverged), jobId: 'abc123', jobKind: 'train' };
    expect(worker.kind).toBe('diverged');
    expect(failureLine(new JobFailedError('abc123', 'train', diverged.message, worker))).toEqual({
      type: 'error', kind: 'diverged', message: `train job abc123 failed: ${diverged.message}`, jobId: 'abc123', jobKind: 'train',
    });
  });

  it('anything else is kind error, with its message', () => {
    expect(failureLine(new Error('disk full'))).toEqual({ type: 'error', kind: 'error', message: 'disk full' });
    expect(failureLine('thrown text')).toEqual({ type: 'error', kind: 'error', message: 'thrown text' });
  });
});

describe('versionText', () => {
  it('names the app, the release, tfjs and node', () => {
    expect(versionText('teacher')).toBe(`teacher ${SSL_DISTILL_VERSION} (ssl-distill; tfjs 4.22.0, node ${process.version})`);
    expect(SSL_DISTILL_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});
