import { describe, expect, it } from 'vitest';
import { parsePipeline, selectRuns } from './schema.js';

const yaml = (teacher: string) => `
name: t
datasets:
  train: { source: synthetic, count: 8, height: 32, width: 32, channels: 3, classes: 2, seed: 1 }
teachers:
  resnet50:
${teacher}
students:
  small: { model: { preset: fmnistStudent }, method: seed, teacher: resnet50, dataset: train, plan: fixed, epochs: 1 }
`;

const IMPORTED = `    import: { path: s3://models/resnet50.onnx }
    input: { size: [224, 224], channels: 3, layout: nchw, scale: 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] }
    output: embedding
    logits: logits`;

describe('imported teachers in a pipeline file', () => {
  it('reads import, input, output and logits; students may learn from them', () => {
    const spec = parsePipeline(yaml(IMPORTED), 'p.yaml');
    expect(spec.teachers).toEqual({});
    expect(spec.importedTeachers['resnet50']).toEqual({
      import: { path: 's3://models/resnet50.onnx' },
      input: { size: [224, 224], channels: 3, layout: 'nchw', scale: 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
      output: 'embedding', logits: 'logits', source: 'p.yaml',
    });
    expect(spec.students['small']!.teacher).toBe('resnet50');
    expect(selectRuns(spec, ['small']).importedTeachers).toEqual(spec.importedTeachers);
  });

  it('defaults: NCHW, scale 255, mean 0, std 1; a single size is square', () => {
    const spec = parsePipeline(yaml('    import: { path: m.onnx }\n    input: { size: 32 }'));
    expect(spec.importedTeachers['resnet50']).toMatchObject({ input: { size: [32, 32], channels: 3, layout: 'nchw', scale: 255, mean: [0], std: [1] } });
    expect(spec.importedTeachers['resnet50']!.output).toBeUndefined();
  });

  it.each([
    ['teachers.resnet50.epochs: an imported teacher is not trained here', `${IMPORTED}\n    epochs: 3`],
    ['teachers.resnet50.dataset: an imported teacher is not trained here', `${IMPORTED}\n    dataset: train`],
    ['teachers.resnet50.plan: an imported teacher is not trained here', `${IMPORTED}\n    plan: fixed`],
    ['teachers.resnet50.input.mean: expected one value or 3 (one per channel), got 2', IMPORTED.replace('mean: [0.485, 0.456, 0.406]', 'mean: [0.4, 0.5]')],
    ['teachers.resnet50.input.std: must be positive', IMPORTED.replace('std: [0.229, 0.224, 0.225]', 'std: [0]')],
    ["teachers.resnet50.input.layout: unknown layout 'chw' (did you mean nchw? expected one of: nchw, nhwc)", IMPORTED.replace('layout: nchw', 'layout: chw')],
    ['teachers.resnet50.input.size: expected 2 numbers, got 3', IMPORTED.replace('size: [224, 224]', 'size: [224, 224, 3]')],
    ['teachers.resnet50.import.file: unknown field (expected one of: path)', IMPORTED.replace('path: s3://models/resnet50.onnx', 'file: x.onnx')],
    ['teachers.resnet50.input: required mapping is missing', '    import: { path: m.onnx }'],
  ])('%s', (message, teacher) => {
    expect(() => parsePipeline(yaml(teacher), 'p.yaml')).toThrow(`p.yaml: ${message}`);
  });
});
