import { describe, expect, it } from 'vitest';
import { InvalidKeyError } from './errors.js';
import {
  checkpointFileKey,
  checkpointKey,
  datasetManifestKey,
  datasetShardKey,
  featureManifestKey,
  featureShardKey,
  reportHtmlKey,
  reportJsonKey,
  teacherModelKey,
  teacherWeightsKey,
} from './keys.js';

describe('store keys', () => {
  const cache = { teacherId: 'tch-9f2c', datasetId: 'ds-41ab', planId: 'plan-07' };

  it('follow the layout of ARCHITECTURE.md', () => {
    expect(datasetManifestKey('ds-41ab')).toBe('datasets/ds-41ab/manifest.pb');
    expect(datasetShardKey('ds-41ab', 12)).toBe('datasets/ds-41ab/shard-12.pb');
    expect(teacherModelKey('tch-9f2c')).toBe('teachers/tch-9f2c/model.json');
    expect(teacherWeightsKey('tch-9f2c')).toBe('teachers/tch-9f2c/weights.bin');
    expect(featureShardKey(cache, 3, 0)).toBe('features/tch-9f2c/ds-41ab/plan-07/e3/shard-0.pb');
    expect(featureManifestKey(cache)).toBe('features/tch-9f2c/ds-41ab/plan-07/manifest.pb');
    expect(checkpointKey('run-1', 500)).toBe('runs/run-1/checkpoints/step-500/checkpoint.pb');
    expect(checkpointFileKey('run-1', 500, 'student/weights.bin')).toBe('runs/run-1/checkpoints/step-500/student/weights.bin');
    expect(reportJsonKey('run-1')).toBe('runs/run-1/report.json');
    expect(reportHtmlKey('run-1')).toBe('runs/run-1/report.html');
  });

  it('reject ids and numbers that cannot be one key segment, naming the parameter', () => {
    expect(() => datasetManifestKey('a/b')).toThrow(InvalidKeyError);
    expect(() => datasetManifestKey('a/b')).toThrow(/datasetId "a\/b"/);
    expect(() => featureShardKey({ ...cache, planId: '..' }, 0, 0)).toThrow(/planId ".."/);
    expect(() => featureShardKey(cache, -1, 0)).toThrow(/epoch must be a non-negative integer, got -1/);
    expect(() => datasetShardKey('ds', 1.5)).toThrow(/shard must be a non-negative integer, got 1.5/);
    expect(() => checkpointFileKey('run-1', 1, '../escape')).toThrow(/invalid segment ".."/);
  });
});
