import { describe, expect, it } from 'vitest';
import { parsePipeline } from './schema.js';

const minimal = `
name: tiny
seed: 3
datasets:
  train: { source: synthetic, count: 64, classes: 4, seed: 1 }
  test: { source: synthetic, count: 32, classes: 4, seed: 2 }
plans:
  aug: { kind: replay, epochs: 2, preset: simclr }
teachers:
  big: { model: { preset: fmnistTeacher }, method: simclr, dataset: train, plan: aug, epochs: 1 }
students:
  small: { model: { preset: fmnistStudent }, method: seed, teacher: big, dataset: train, plan: aug, epochs: 1, batchSize: 16 }
evaluate: { train: train, test: test }
`;

describe('pipeline file', () => {
  it('fills defaults and resolves references', () => {
    const spec = parsePipeline(minimal, 'tiny.yaml');
    expect(spec.plans.aug).toEqual({ kind: 'replay', epochs: 2, views: 1, preset: 'simclr', seed: 3 });
    expect(spec.plans.fixed.kind).toBe('fixed');
    expect(spec.students.small.teacher).toBe('big');
    expect(spec.students.small.batchSize).toBe(16);
    expect(spec.teachers.big.batchSize).toBe(128);
    expect(spec.teachers.big.optimizer).toMatchObject({ name: 'sgd', lr: 0.1, schedule: 'cosine' });
    expect(spec.evaluate?.knn).toEqual({ k: 200, temperature: 0.07 });
    // Absent unless set: the job ids of existing students stay what they were.
    expect('centerTeacher' in spec.students.small).toBe(false);
    expect(parsePipeline(minimal.replace('batchSize: 16 }', 'batchSize: 16, centerTeacher: true }')).students.small.centerTeacher).toBe(true);
  });

  it.each([
    ['students.small.teacher: unknown teacher', minimal.replace('teacher: big', 'teacher: huge')],
    ['students.small.batchSize: must be >= 2', minimal.replace('batchSize: 16', 'batchSize: 1')],
    ['students.small.centerTeacher: needs a teacher', minimal.replace('teacher: big, ', '').replace('batchSize: 16 }', 'batchSize: 16, centerTeacher: true }')],
    ['datasets.train.source: expected one of', minimal.replace('source: synthetic, count: 64', 'source: tape, count: 64')],
    ['teachers.big.epochs: required number is missing', minimal.replace('plan: aug, epochs: 1 }\nstudents', 'plan: aug }\nstudents')],
    ['plans.aug.epoch: unknown field', minimal.replace('epochs: 2, preset', 'epoch: 2, preset')],
    ['version: this ssl-distill reads pipeline version 1', `version: 2\n${minimal}`],
    ['(yaml)', 'name: [unclosed'],
  ])('names the bad field: %s', (expected, text) => {
    expect(() => parsePipeline(text, 'tiny.yaml')).toThrow(`tiny.yaml: ${expected}`);
  });
});
