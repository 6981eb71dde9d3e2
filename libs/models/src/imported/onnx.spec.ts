import { describe, expect, it } from 'vitest';
import { ImportedTeacherError, loadImportedTeacher, type ImportedTeacherOptions } from '../index.js';
import { fixtureBytes, maxAbsDiff, reference, referenceViews, torchInput, VIEW_NORMALIZATION } from '../../test/teacher-fixture.js';

const onnx = (name: string) => ({ kind: 'onnx' as const, bytes: fixtureBytes(name) });

async function errorOf(promise: Promise<unknown>): Promise<ImportedTeacherError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ImportedTeacherError);
  return error as ImportedTeacherError;
}

describe('ONNX teachers exported by PyTorch', () => {
  it.each([
    ['nchw', 'resnet-nchw.onnx'],
    ['nhwc', 'resnet-nhwc.onnx'],
  ] as const)('match PyTorch embeddings and logits (max abs <= 1e-4), %s input with per-channel mean/std', async (layout, file) => {
    const teacher = await loadImportedTeacher(onnx(file), { input: torchInput(layout), output: 'embedding', logits: 'logits', threads: 1 });
    try {
      const features = await teacher.embed(referenceViews(), VIEW_NORMALIZATION);
      expect(features.embeddingDim).toBe(reference.embeddingDim);
      expect(features.logitsDim).toBe(reference.logitsDim);
      expect(maxAbsDiff(features.embeddings, reference.embedding)).toBeLessThanOrEqual(1e-4);
      expect(maxAbsDiff(features.logits!, reference.logits)).toBeLessThanOrEqual(1e-4);
    } finally {
      teacher.dispose();
    }
  });

  it('average-pools a rank-4 output to [N, C]: the feature map gives the embedding PyTorch pooled from it', async () => {
    const teacher = await loadImportedTeacher(onnx('resnet-nchw.onnx'), { input: torchInput('nchw'), output: 'feature_map', batchSize: 3 });
    try {
      expect(teacher.outputShape).toEqual([null, 64, 8, 8]);
      const features = await teacher.embed(referenceViews(), VIEW_NORMALIZATION);
      expect(features.embeddingDim).toBe(64);
      expect(features.logits).toBeUndefined();
      expect(maxAbsDiff(features.embeddings, reference.embedding)).toBeLessThanOrEqual(1e-4);
    } finally {
      teacher.dispose();
    }
  });

  it('defaults to the first output', async () => {
    const teacher = await loadImportedTeacher(onnx('resnet-nchw.onnx'), { input: torchInput('nchw') });
    expect(teacher.output).toBe('embedding');
    teacher.dispose();
  });

  describe('bad input is an error about the field', () => {
    const options: ImportedTeacherOptions = { input: torchInput('nchw') };

    it('a file that is not a model', async () => {
      const error = await errorOf(loadImportedTeacher({ kind: 'onnx', bytes: new TextEncoder().encode('name: not a model\n') }, options));
      expect(error.field).toBe('import.path');
      expect(error.message).toMatch(/not a loadable ONNX model/);
    });

    it('a truncated model', async () => {
      const bytes = fixtureBytes('resnet-nchw.onnx');
      const error = await errorOf(loadImportedTeacher({ kind: 'onnx', bytes: bytes.subarray(0, Math.floor(bytes.length * 0.6)) }, options));
      expect(error.field).toBe('import.path');
    });

    it('an output the model lacks, listing the ones it has', async () => {
      const error = await errorOf(loadImportedTeacher(onnx('resnet-nchw.onnx'), { ...options, output: 'pool5' }));
      expect(error.field).toBe('output');
      expect(error.message).toBe("output: the model has no output 'pool5' (it has: embedding, logits, feature_map)");
      const logits = await errorOf(loadImportedTeacher(onnx('resnet-nchw.onnx'), { ...options, logits: 'fc' }));
      expect(logits.field).toBe('logits');
    });

    it('logits that are not [N, classes]', async () => {
      const error = await errorOf(loadImportedTeacher(onnx('resnet-nchw.onnx'), { ...options, logits: 'feature_map' }));
      expect(error.message).toMatch(/logits must be \[N, classes\]/);
    });

    it('channels, size or layout that disagree with the model', async () => {
      const channels = await errorOf(loadImportedTeacher(onnx('resnet-nchw.onnx'), { input: { ...torchInput('nchw'), channels: 1 } }));
      expect(channels.field).toBe('input.channels');
      expect(channels.message).toMatch(/1 disagrees with the model: the model's input is \[\?, 3, 32, 32\]/);
      const size = await errorOf(loadImportedTeacher(onnx('resnet-nchw.onnx'), { input: { ...torchInput('nchw'), size: [28, 28] } }));
      expect(size.field).toBe('input.size');
      const layout = await errorOf(loadImportedTeacher(onnx('resnet-nchw.onnx'), { input: torchInput('nhwc') }));
      expect(layout.field).toBe('input.channels');
      expect(layout.message).toMatch(/read as NHWC \(32 channels; is input.layout right\?\)/);
    });

    it('a model that emits NaN', async () => {
      const teacher = await loadImportedTeacher(onnx('nan.onnx'), options);
      try {
        const error = await errorOf(teacher.embed(referenceViews(), VIEW_NORMALIZATION));
        expect(error.field).toBe('output');
        expect(error.message).toMatch(/output 'embedding' is NaN for sample 0/);
      } finally {
        teacher.dispose();
      }
    });

    it('an execution provider this machine lacks', async () => {
      const error = await errorOf(loadImportedTeacher(onnx('resnet-nchw.onnx'), { ...options, ep: 'cuda' }));
      expect(error.field).toBe('--ep');
      expect(error.message).toMatch(/execution provider 'cuda' is not available here: .*README/);
    });
  });
});
