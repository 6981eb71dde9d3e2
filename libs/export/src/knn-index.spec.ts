import { describe, expect, it } from 'vitest';
import { buildKnnIndex, l2NormalizeRows } from './knn-index.js';
import { nhwcToNchw } from './layout.js';
import { modelCardMarkdown, type ModelCard } from './model-card.js';

describe('k-NN index', () => {
  it('scales rows to unit length, zero rows stay zero', () => {
    expect(Array.from(l2NormalizeRows(Float32Array.of(3, 4, 0, 0), 2))).toEqual(Array.from(Float32Array.of(0.6, 0.8, 0, 0)));
  });

  it('caps k at the index size and checks the array sizes against count and shape', () => {
    const options = { embeddings: Float32Array.of(1, 0, 0, 2), dim: 2, labels: [0, 1], classNames: ['a', 'b'], images: new Uint8Array(8), image: { height: 2, width: 2, channels: 1 }, k: 20, temperature: 0.1 };
    const index = buildKnnIndex(options);
    expect(index.header).toMatchObject({ count: 2, dim: 2, k: 2, labels: [0, 1] });
    expect(Array.from(index.embeddings)).toEqual([1, 0, 0, 1]);
    expect(() => buildKnnIndex({ ...options, images: new Uint8Array(7) })).toThrow('k-NN index: 7 image bytes for 2 images of 2x2x1');
    expect(() => buildKnnIndex({ ...options, dim: 3 })).toThrow('k-NN index: 4 embedding values for 2 x 3');
  });
});

describe('nhwcToNchw', () => {
  it('moves channels in front of the rows', () => {
    // [1, 2, 2, 2]: pixel p has channels (p, 10 + p).
    const nhwc = Float32Array.of(0, 10, 1, 11, 2, 12, 3, 13);
    expect(Array.from(nhwcToNchw(nhwc, [1, 2, 2, 2]))).toEqual([0, 1, 2, 3, 10, 11, 12, 13]);
    expect(() => nhwcToNchw(nhwc, [1, 2, 2, 3])).toThrow('nhwcToNchw: 8 values for shape [1, 2, 2, 3]');
  });
});

describe('modelCardMarkdown', () => {
  it('lists architecture, parameters, preprocessing, teacher, pipeline and probes', () => {
    const card: ModelCard = {
      name: 'seed', runId: 'abc', format: 'onnx', files: ['model.onnx'],
      architecture: { spec: { kind: 'resnet', widths: [16] }, embedDim: 64, outputDim: 64, withHead: false },
      parameters: { backbone: 77776, head: 0, total: 77776 },
      input: { layout: 'NCHW', shape: [1, 28, 28], preprocessing: { size: [28, 28], channels: 1, mean: [0.5], std: [0.5] } },
      method: 'seed', teacher: { id: 't1', name: 'teacher' }, probes: { knnTop1: 0.7315 },
      pipeline: { file: 'examples/x.yaml', name: 'x' },
    };
    const markdown = modelCardMarkdown(card);
    for (const text of ['# Model card: seed', 'parameters: 77,776', 'layout NCHW, shape [N, 1, 28, 28]', 'mean [0.5], std [0.5]', 'teacher: teacher, id t1', 'pipeline file: examples/x.yaml', 'knnTop1: 73.15%']) {
      expect(markdown).toContain(text);
    }
  });
});
