import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError } from '@ssl-distill/schema';
import Ajv from 'ajv';
import { backboneJsonSchema, buildBackbone, buildHead, PRESET_NAMES, resolveBackboneSpec } from './index.js';

const resnet = { kind: 'resnet', inputShape: [8, 8, 1], stem: 'small', widths: [4, 8], blocksPerStage: 1 };
const mbconvRow = { width: 4, stride: 1, kernelSize: 3, activation: 'relu' };
const mbconv = {
  kind: 'mbconv', inputShape: [8, 8, 1], stem: 'small', stemWidth: 4, stemActivation: 'relu', rows: [mbconvRow], headWidth: 8, headActivation: 'relu',
};
const mobilenet = { kind: 'mobilenet', inputShape: [8, 8, 1], stages: [{ width: 4, blocks: 1, stride: 1 }] };

describe('resolveBackboneSpec', () => {
  it('fills defaults and keeps given fields', () => {
    expect(resolveBackboneSpec(resnet)).toEqual({ ...resnet, name: 'resnet', seed: 0 });
    expect(resolveBackboneSpec({ ...mobilenet, name: 'tiny', seed: 9 })).toEqual({ ...mobilenet, name: 'tiny', seed: 9 });
  });

  it('expands a preset with overrides', () => {
    expect(resolveBackboneSpec({ preset: 'fmnistStudent', inputShape: [32, 32, 3], seed: 5 })).toEqual({
      kind: 'resnet', name: 'fmnistStudent', seed: 5, inputShape: [32, 32, 3], stem: 'small', widths: [16, 32, 64], blocksPerStage: 1,
    });
  });

  it.each([
    [{ ...resnet, widths: undefined }, 'widths: required list is missing'],
    [{ ...resnet, widths: [4, -8] }, 'widths[1]: must be >= 1, got -8'],
    [{ ...resnet, widths: [] }, 'widths: needs at least 1 item(s), got 0'],
    [{ ...resnet, blocksPerStage: [1, 2, 3] }, 'blocksPerStage: has 3 entries but widths has 2 stages'],
    [{ ...resnet, blocksPerStage: 1.5 }, 'blocksPerStage: expected an integer, got 1.5'],
    [{ ...resnet, stem: 'tiny' }, "stem: unknown stem 'tiny' (expected one of: small, imagenet)"],
    [{ ...resnet, inputShape: [28, 28] }, 'inputShape: needs exactly 3 item(s), got 2'],
    [{ ...resnet, widht: 3 }, 'widht: unknown field (did you mean widths?'],
    [{ ...resnet, kind: 'vit' }, "kind: unknown backbone kind 'vit' (expected one of: resnet, mobilenet, mbconv, mlp)"],
    [{ ...resnet, name: 'bad name' }, 'name: must start with a letter or digit'],
    [{ ...resnet, seed: -1 }, 'seed: must be >= 0, got -1'],
    [{ ...mobilenet, stages: [{ width: 4, blocks: 1, stride: 3 }] }, 'stages[0].stride: expected one of 1, 2, got 3'],
    [{ ...mobilenet, stages: [{ width: 4, blocks: 1, stride: 1, se: true }] }, 'stages[0].se: unknown field (expected one of: width, blocks, stride)'],
    [{ ...mobilenet, expansion: 4 }, 'expansion: only applies when invertedResidual is true'],
    [{ ...mobilenet, squeezeExcite: true, seRatio: 0 }, 'seRatio: must be > 0, got 0'],
    [{ ...mobilenet, seRatio: 0.5 }, 'seRatio: only applies when squeezeExcite is true'],
    [{ ...mobilenet, widthMultiplier: 'x' }, 'widthMultiplier: expected a number, got "x"'],
    [{ ...mbconv, rows: [{ ...mbconvRow, kernelSize: 4 }] }, 'rows[0].kernelSize: must be odd (got 4)'],
    [{ ...mbconv, rows: [{ ...mbconvRow, expansion: 6, expandWidth: 96 }] }, 'rows[0].expandWidth: cannot be given with expansion'],
    [{ ...mbconv, rows: [{ ...mbconvRow, activation: 'gelu' }] }, "rows[0].activation: unknown activation 'gelu' (did you mean relu? expected one of: relu, hardSwish, swish)"],
    [{ ...mbconv, rows: [{ ...mbconvRow, squeezeExcite: true }] }, 'squeezeExcite: is required when a row has squeezeExcite: true'],
    [{ ...mbconv, squeezeExcite: { of: 'output', ratio: 0.25, activation: 'relu', gate: 'sigmoid' } }, "squeezeExcite.of: unknown value 'output' (expected one of: expanded, input)"],
    [{ ...resnet, block: 'wide' }, "block: unknown block 'wide' (expected one of: basic, bottleneck)"],
    [{ kind: 'mlp', inputShape: [784], hidden: [] }, 'hidden: is empty and no outDim is given'],
    [{ kind: 'mlp', inputShape: [784], hidden: [10], activation: 'softmax' }, "activation: unknown activation 'softmax'"],
    [{ preset: 'resnet50' }, "preset: unknown preset 'resnet50' (did you mean resnet18?"],
    [{ preset: 'resnet18', inputShape: [32, 32] }, 'inputShape: needs exactly 3 item(s), got 2'],
    [{ preset: 'resnet18', widths: [1] }, 'widths: unknown field (expected one of: preset, inputShape, name, seed)'],
    ['resnet18', '(root): expected a mapping, got "resnet18"'],
    [{ ...resnet, blocksPerStage: [1, 0] }, 'blocksPerStage[1]: must be >= 1, got 0'],
    [{ ...resnet, blocksPerStage: 'x' }, 'blocksPerStage: expected a number, got "x"'],
  ])('rejects %j: %s', (spec, message) => {
    expect(() => resolveBackboneSpec(spec)).toThrow(ConfigError);
    expect(() => resolveBackboneSpec(spec)).toThrow(message);
  });

  it('reads a student model from pipeline-file YAML: a preset with overrides, or an mbconv spec written out', () => {
    const pipeline = parse(`
students:
  mobile:
    model: { preset: mobilenetV3LargeSmallStem, inputShape: [28, 28, 1], name: mobile, seed: 3 }
  custom:
    model:
      kind: mbconv
      inputShape: [32, 32, 3]
      stem: small
      stemWidth: 8
      stemActivation: hardSwish
      rows:
        - { width: 8, stride: 1, kernelSize: 3, activation: relu }
        - { width: 16, repeat: 2, stride: 2, kernelSize: 5, expansion: 4, activation: hardSwish, squeezeExcite: true }
      squeezeExcite: { of: expanded, ratio: 0.25, divisor: 8, activation: relu, gate: hardSigmoid }
      headWidth: 32
      headActivation: hardSwish
`) as { students: Record<string, { model: unknown }> };
    const mobile = resolveBackboneSpec(pipeline.students.mobile!.model, 'students.mobile.model');
    expect(mobile).toMatchObject({ kind: 'mbconv', name: 'mobile', seed: 3, stem: 'small', inputShape: [28, 28, 1], headWidth: 960, embedWidth: 1280 });
    const custom = resolveBackboneSpec(pipeline.students.custom!.model, 'students.custom.model');
    expect(custom).toMatchObject({ kind: 'mbconv', name: 'mbconv', rows: [{ width: 8 }, { width: 16, repeat: 2, expansion: 4 }] });
    expect(buildBackbone(custom).stageShapes).toEqual([[32, 32, 8], [16, 16, 32]]);
  });

  it('prefixes field paths with the caller\'s path', () => {
    expect(() => resolveBackboneSpec({ ...resnet, widths: [0] }, 'stages.student')).toThrow('stages.student.widths[0]: must be >= 1, got 0');
  });
});

describe('backboneJsonSchema (what editors check a pipeline file\'s model field against)', () => {
  const validate = new Ajv({ strict: false, allErrors: true }).compile(backboneJsonSchema());

  it.each(PRESET_NAMES)('accepts preset %s, both by name and written out', (preset) => {
    expect(validate({ preset, inputShape: [32, 32, 3], seed: 3 })).toBe(true);
    expect(validate(resolveBackboneSpec({ preset })), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    { ...resnet, widht: 3 },
    { ...resnet, kind: 'vit' },
    { ...resnet, inputShape: [28, 28] },
    { ...resnet, blocksPerStage: [1, 0] },
    { ...mobilenet, stages: [{ width: 4, blocks: 1, stride: 3 }] },
    { ...mobilenet, stages: [{ width: 4, blocks: 1, stride: 1, se: true }] },
    { ...mobilenet, widthMultiplier: 'x' },
    { ...mbconv, rows: [{ ...mbconvRow, activation: 'gelu' }] },
    { ...mbconv, headWidth: undefined },
    { preset: 'resnet50' },
    { preset: 'resnet18', widths: [1] },
  ])('rejects %j as the parser does', (spec) => {
    expect(() => resolveBackboneSpec(JSON.parse(JSON.stringify(spec)))).toThrow(ConfigError);
    expect(validate(JSON.parse(JSON.stringify(spec)))).toBe(false);
  });
});

describe('buildHead spec validation', () => {
  it.each([
    [{ kind: 'projection', inDim: 8, outDim: 4 }, 'hiddenDim: required number is missing'],
    [{ kind: 'projection', inDim: 8, hiddenDim: 8, outDim: 4, layers: 0 }, 'layers: must be >= 1, got 0'],
    [{ kind: 'predictor', inDim: 8, hiddenDim: 8, outDim: 4, lastBatchNorm: true }, 'lastBatchNorm: unknown field (expected one of: inDim, name, seed, hiddenDim, outDim)'],
    [{ kind: 'linear', inDim: 8 }, 'numClasses: required number is missing'],
    [{ kind: 'mlp', inDim: 8 }, "kind: unknown head kind 'mlp' (expected one of: projection, predictor, linear)"],
  ])('rejects %j: %s', (spec, message) => {
    expect(() => buildHead(spec, 'head')).toThrow(ConfigError);
    expect(() => buildHead(spec, 'head')).toThrow(`head.${message}`);
  });
});
