import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePipeline, readPipelineFile, selectRuns } from './schema.js';

const minimal = `
name: tiny
seed: 3
datasets:
  train: { source: synthetic, count: 64, classes: 4, seed: 1 }
  test: { source: synthetic, count: 32, classes: 4, seed: 2 }
plans:
  aug: { kind: replay, epochs: 2, views: 2, preset: simclr }
teachers:
  big: { model: { preset: fmnistTeacher }, method: simclr, dataset: train, plan: aug, epochs: 1 }
students:
  small: { model: { preset: fmnistStudent }, method: seed, teacher: big, dataset: train, plan: aug, epochs: 1, batchSize: 16 }
evaluate: { train: train, test: test }
`;

describe('pipeline file', () => {
  it('fills defaults and resolves references', () => {
    const spec = parsePipeline(minimal, 'tiny.yaml');
    expect(spec.plans.aug).toEqual({ kind: "replay", epochs: 2, views: 2, preset: "simclr", seed: 3 });
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

  it('reads YAML merge keys: a variant of a run restates only what differs', () => {
    const variants = minimal.replace(
      'teachers:\n  big: { model',
      'teachers:\n  big: &big { model',
    ).replace('students:\n', '  big-cold: { <<: *big, methodConfig: { temperature: 0.1 }, batchSize: 64 }\nstudents:\n');
    const spec = parsePipeline(variants, 'variants.yaml');
    expect(spec.teachers['big-cold']).toEqual({ ...spec.teachers.big, methodConfig: { temperature: 0.1 }, batchSize: 64 });
    expect(spec.teachers.big.batchSize).toBe(128);
  });

  it.each([
    ['students.small.teacher: unknown teacher', minimal.replace('teacher: big', 'teacher: huge')],
    ['students.small.batchSize: must be >= 2', minimal.replace('batchSize: 16', 'batchSize: 1')],
    ['students.small.centerTeacher: needs a teacher', minimal.replace('teacher: big, ', '').replace('batchSize: 16 }', 'batchSize: 16, centerTeacher: true }')],
    ["datasets.train.source: unknown dataset source 'tape' (expected one of: idx, cifar, folder, synthetic)", minimal.replace('source: synthetic, count: 64', 'source: tape, count: 64')],
    ['teachers.big.epochs: required number is missing', minimal.replace('plan: aug, epochs: 1 }\nstudents', 'plan: aug }\nstudents')],
    ['plans.aug.epoch: unknown field (did you mean epochs?', minimal.replace('epochs: 2, views', 'epoch: 2, views')],
    ['students.small.methodConfig.queueSise: unknown field (did you mean queueSize? expected one of: head, queueSize, teacherTemperature, studentTemperature)', minimal.replace('batchSize: 16 }', 'batchSize: 16, methodConfig: { queueSise: 64 } }')],
    ["students.small.method: unknown method 'seeed' (did you mean seed?", minimal.replace('method: seed', 'method: seeed')],
    ['students.small.model.widhts: unknown field (did you mean widths?', minimal.replace('model: { preset: fmnistStudent }, method: seed', 'model: { kind: resnet, inputShape: [28, 28, 1], stem: small, widhts: [4], blocksPerStage: 1 }, method: seed')],
    ["teachers.big.plan: simclr needs 2 views a sample; plan 'fixed' has 1", minimal.replace('plan: aug, epochs: 1 }\nstudents', 'plan: fixed, epochs: 1 }\nstudents')],
    ['students.small.teacher: seed learns from teacher embeddings: name a teacher', minimal.replace('teacher: big, ', '')],
    ["students.small.method: hkd needs teacher logits; teacher 'big' (simclr) has no classifier", minimal.replace('method: seed', 'method: hkd')],
    ["students.small.methodConfig.optimizer: set the run's optimizer field", minimal.replace('batchSize: 16 }', 'batchSize: 16, methodConfig: { optimizer: { type: adamw } } }')],
    ['teachers.big.optimizer.warmupEpochs: a constant schedule has no warm-up', minimal.replace('plan: aug, epochs: 1 }\nstudents', 'plan: aug, epochs: 1, optimizer: { schedule: constant, warmupEpochs: 1 } }\nstudents')],
    ['plans.one.views: unknown field', minimal.replace('plans:\n', 'plans:\n  one: { kind: fixed, views: 2 }\n')],
    ['teachers.big.optimizer.momentum: unknown field', minimal.replace('plan: aug, epochs: 1 }\nstudents', 'plan: aug, epochs: 1, optimizer: { name: adam, momentum: 0.5 } }\nstudents')],
    ['version: this ssl-distill reads pipeline version 1', `version: 2\n${minimal}`],
    ['(yaml)', 'name: [unclosed'],
  ])('names the bad field: %s', (expected, text) => {
    expect(() => parsePipeline(text, 'tiny.yaml')).toThrow(`tiny.yaml: ${expected}`);
  });

  describe('selectRuns', () => {
    const spec = parsePipeline(minimal.replace('evaluate:', '  alone: { model: { preset: fmnistStudent }, method: simclr, dataset: train, plan: aug, epochs: 1 }\nevaluate:'));

    it('keeps the named runs and the teachers their students need', () => {
      const seedOnly = selectRuns(spec, ['small']);
      expect(Object.keys(seedOnly.students)).toEqual(['small']);
      expect(Object.keys(seedOnly.teachers)).toEqual(['big']);
      expect(seedOnly.students.small).toBe(spec.students.small);
      const alone = selectRuns(spec, ['alone']);
      expect([Object.keys(alone.teachers), Object.keys(alone.students)]).toEqual([[], ['alone']]);
      expect(Object.keys(selectRuns(spec, ['big']).students)).toEqual([]);
      expect({ ...alone, teachers: spec.teachers, students: spec.students }).toEqual(spec);
    });

    it('names what it does not know', () => {
      expect(() => selectRuns(spec, ['small', 'huge'])).toThrow("--only: no teacher or student 'huge' in tiny (have: big, small, alone)");
    });
  });

  describe('like', () => {
    const withVariants = (variants: string) => minimal.replace('evaluate:', `${variants}\nevaluate:`);

    it('copies another run of the same section and merges over it, through chains', () => {
      const spec = parsePipeline(withVariants([
        '  small-s4: { like: small, seed: 4 }',
        '  small-s4-long: { like: small-s4, epochs: 3, batchSize: null }',
      ].join('\n')));
      expect(spec.students['small-s4']).toEqual({ ...spec.students.small, seed: 4 });
      // null removes the copied key, so the default (128) applies again.
      expect(spec.students['small-s4-long']).toEqual({ ...spec.students.small, seed: 4, epochs: 3, batchSize: 128 });
      expect(spec.students.small.seed).toBe(3);
    });

    it('reaches runs of an extends base, after the chain is merged', () => {
      const dir = mkdtempSync(join(tmpdir(), 'schema-like-'));
      writeFileSync(join(dir, 'base.yaml'), minimal);
      writeFileSync(join(dir, 'seeds.yaml'), [
        'extends: base.yaml',
        'name: seeds',
        'teachers:',
        '  big: { epochs: 2 }',
        '  big-s5: { like: big, seed: 5 }',
      ].join('\n'));
      const spec = readPipelineFile(join(dir, 'seeds.yaml'));
      expect(spec.teachers['big-s5']).toEqual({ ...spec.teachers.big, seed: 5 });
      expect(spec.teachers['big-s5']!.epochs).toBe(2);
    });

    it.each([
      ["students.copy.like: no students entry 'big'", '  copy: { like: big, seed: 4 }'],
      ['students.copy.like: expected the name of another entry of students, got ["small"]', '  copy: { like: [small] }'],
      ['students.b.like: forms a cycle: a -> b -> a', '  a: { like: b }\n  b: { like: a }'],
      ['students.copy.like: forms a cycle: copy -> copy', '  copy: { like: copy }'],
    ])('refuses %s', (expected, variants) => {
      expect(() => parsePipeline(withVariants(variants), 'tiny.yaml')).toThrow(`tiny.yaml: ${expected}`);
    });
  });

  describe('extends', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-extends-'));
    mkdirSync(join(dir, 'variants'));
    writeFileSync(join(dir, 'base.yaml'), minimal);
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };

    it('starts from the other file (relative to this one): mappings merge, own values win', () => {
      const file = write('variants/more-data.yaml', [
        'extends: ../base.yaml',
        'name: more-data',
        'datasets:',
        '  train: { count: 128 }',
        'students:',
        '  small: { epochs: 2 }',
      ].join('\n'));
      const base = parsePipeline(minimal, 'base.yaml');
      const spec = readPipelineFile(file);
      expect(spec.name).toBe('more-data');
      expect(spec.datasets.train).toEqual({ ...base.datasets.train, count: 128 });
      expect(spec.students.small).toEqual({ ...base.students.small, epochs: 2 });
      expect(spec.teachers).toEqual(base.teachers);
      expect(spec.evaluate).toEqual(base.evaluate);
    });

    it('removes what the extending file sets to null (JSON Merge Patch)', () => {
      const withConfig = write('with-config.yaml', minimal.replace('method: simclr,', 'method: simclr, methodConfig: { temperature: 0.1 },'));
      expect(readPipelineFile(withConfig).teachers.big.methodConfig).toEqual({ temperature: 0.1 });
      const file = write('supervised.yaml', [
        'extends: with-config.yaml',
        'plans: { aug: null }',
        'teachers:',
        '  big: { method: supervised, methodConfig: null, plan: fixed }',
        'students:',
        '  small: { plan: fixed }',
        // A null inside a key the base lacks is dropped too, as the RFC applies the patch to {}.
        '  added: { model: { preset: fmnistStudent }, method: seed, teacher: big, dataset: train, plan: fixed, epochs: 1, methodConfig: { queueSize: 64, teacherTemperature: null } }',
      ].join('\n'));
      const spec = readPipelineFile(file);
      expect(spec.teachers.big).toMatchObject({ method: 'supervised', methodConfig: {}, plan: 'fixed' });
      expect(Object.keys(spec.plans)).toEqual(['fixed']);
      expect(spec.students.added.methodConfig).toEqual({ queueSize: 64 });
    });

    it.each([
      ['a missing base, naming the file that extends it', 'extends: nowhere.yaml', /nowhere\.yaml: \(file\): cannot read pipeline file \(extended by .*bad\.yaml\)/],
      ['a base that is not a path', 'extends: [base.yaml]', /bad\.yaml: extends: must be the path of another pipeline file/],
      ['a file that extends itself', 'extends: bad.yaml', /bad\.yaml: extends: extends itself: .*bad\.yaml -> .*bad\.yaml/],
    ])('refuses %s', (_, text, expected) => {
      expect(() => readPipelineFile(write('bad.yaml', text))).toThrow(expected);
    });
  });
});
