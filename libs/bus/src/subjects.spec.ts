import { describe, expect, it } from 'vitest';
import { DistillSubjects } from './distill-bus.js';
import { checkPattern, subjectMatches, workQueueFor } from './subjects.js';
import { UnknownWorkQueueError } from './errors.js';

describe('subjects', () => {
  it.each([
    ['distill.v1.progress.*', 'distill.v1.progress.job1', true],
    ['distill.v1.progress.*', 'distill.v1.progress.job1.extra', false],
    ['distill.v1.progress.*', 'distill.v1.progress', false],
    ['distill.v1.>', 'distill.v1.jobs.train', true],
    ['distill.v1.>', 'distill.v1', false],
    ['distill.*.jobs.train', 'distill.v2.jobs.train', true],
    ['distill.v1.jobs.train', 'distill.v1.jobs.eval', false],
  ])('%s matches %s: %s', (pattern, subject, matches) => {
    expect(subjectMatches(pattern, subject)).toBe(matches);
  });

  it('rejects a > that is not the last token', () => {
    expect(() => checkPattern('a.>.b')).toThrow(/subject pattern "a.>.b" has an invalid token ">"/);
  });

  it('names the pipeline subjects and one work-queue stream per job kind', () => {
    const subjects = new DistillSubjects();
    expect(subjects.job('extract')).toBe('distill.v1.jobs.extract');
    expect(subjects.viewsRequest).toBe('distill.v1.views.request');
    expect(subjects.progress('job-7')).toBe('distill.v1.progress.job-7');
    const queues = subjects.workQueues();
    expect(queues.map((queue) => queue.stream)).toEqual([
      'DISTILL_V1_JOBS_IMPORT',
      'DISTILL_V1_JOBS_PRETRAIN',
      'DISTILL_V1_JOBS_EXTRACT',
      'DISTILL_V1_JOBS_TRAIN',
      'DISTILL_V1_JOBS_EVAL',
      'DISTILL_V1_RESULTS',
    ]);
    expect(workQueueFor(queues, 'distill.v1.jobs.train').stream).toBe('DISTILL_V1_JOBS_TRAIN');
    expect(subjects.result('job-7')).toBe('distill.v1.results.job-7');
    expect(workQueueFor(queues, subjects.result('job-7'))).toMatchObject({ stream: 'DISTILL_V1_RESULTS', retention: 'limits', maxMessagesPerSubject: 1 });
    expect(() => workQueueFor(queues, 'distill.v1.jobs.deploy')).toThrow(UnknownWorkQueueError);
  });

  it('rejects a job id that is not one subject token, naming it', () => {
    expect(() => new DistillSubjects().progress('a.b')).toThrow(/jobId "a.b" must be one subject token/);
    expect(() => new DistillSubjects().job('deploy' as 'train')).toThrow(/unknown job kind "deploy"/);
  });
});
