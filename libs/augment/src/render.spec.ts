import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { HwcImage } from './image.js';
import type { ViewPlan } from './plan.js';
import { augmentView, renderBatch, renderView, type ViewCoordinate } from './render.js';
import { rngFromInts } from './rng.js';
import { viewDigest, type ViewDigestRequest } from './view-digest.js';

function noiseImage(seed: number, height: number, width: number, channels: number): HwcImage {
  const rng = rngFromInts([seed]);
  const data = Uint8Array.from({ length: height * width * channels }, () => rng.int(256));
  return { data, height, width, channels };
}

const SIMCLR: ViewPlan = { kind: 'replay', epochs: 3, seed: 1234, preset: 'simclr' };

describe('renderView', () => {
  it('fixed plan normalises only: (x / 255 - mean) / std per channel', () => {
    const image: HwcImage = { data: Uint8Array.from([0, 255, 51, 102]), height: 1, width: 2, channels: 2 };
    const view = renderView(image, { kind: 'fixed', normalize: { mean: [0.5, 0.2], std: [0.5, 0.4] } }, { sample: 0, epoch: 0, view: 0 });
    expect([...view.data]).toEqual([-1, 2, -0.6, 0.5].map(Math.fround));
  });

  it('fixed plan with a size resizes', () => {
    const image: HwcImage = { data: Uint8Array.from([0, 200]), height: 1, width: 2, channels: 1 };
    expect([...augmentView(image, { kind: 'fixed', size: { height: 1, width: 4 } }, { sample: 0, epoch: 0, view: 0 }).data]).toEqual([
      0, 50, 150, 200,
    ]);
  });

  it('same coordinate gives identical pixels; other views, epochs and samples differ', () => {
    const image = noiseImage(1, 32, 32, 3);
    const base = augmentView(image, SIMCLR, { sample: 5, epoch: 1, view: 0 });
    expect(augmentView(image, SIMCLR, { sample: 5, epoch: 1, view: 0 }).data).toEqual(base.data);
    for (const other of [
      { sample: 5, epoch: 1, view: 1 },
      { sample: 5, epoch: 2, view: 0 },
      { sample: 6, epoch: 1, view: 0 },
    ]) {
      expect(augmentView(image, SIMCLR, other).data).not.toEqual(base.data);
    }
    expect(augmentView(image, { ...SIMCLR, seed: 1235 }, { sample: 5, epoch: 1, view: 0 }).data).not.toEqual(base.data);
  });

  it('rejects epochs and views outside the plan', () => {
    const image = noiseImage(1, 8, 8, 1);
    expect(() => augmentView(image, SIMCLR, { sample: 0, epoch: 3, view: 0 })).toThrow(/epoch must be an integer in \[0, 2\]/);
    expect(() => augmentView(image, SIMCLR, { sample: 0, epoch: 0, view: 2 })).toThrow(/view must be an integer in \[0, 1\]/);
  });

  it('flips about half the time over many seeds', () => {
    const plan: ViewPlan = { kind: 'replay', epochs: 1, seed: 9, pipelines: [[{ op: 'horizontalFlip', p: 0.5 }]] };
    const image: HwcImage = { data: Uint8Array.from([1, 2]), height: 1, width: 2, channels: 1 };
    const n = 4000;
    let flipped = 0;
    for (let sample = 0; sample < n; sample++) {
      if (augmentView(image, plan, { sample, epoch: 0, view: 0 }).data[0] === 2) flipped++;
    }
    // 5 standard deviations of a binomial(4000, 0.5) is about 158.
    expect(Math.abs(flipped - n / 2)).toBeLessThan(5 * Math.sqrt(n / 4));
  });
});

describe('renderBatch', () => {
  it('writes N views NHWC, each equal to renderView, into a provided buffer', () => {
    const images = [noiseImage(2, 28, 28, 1), noiseImage(3, 28, 28, 1)];
    const plan: ViewPlan = { ...SIMCLR, size: { height: 24, width: 24 } };
    const coordinates: ViewCoordinate[] = [
      { sample: 0, epoch: 0, view: 0 },
      { sample: 1, epoch: 0, view: 1 },
      { sample: 0, epoch: 2, view: 1 },
    ];
    const out = new Float32Array(4 * 24 * 24);
    const batch = renderBatch((sample) => images[sample], plan, coordinates, out);
    expect(batch.shape).toEqual([3, 24, 24, 1]);
    expect(batch.data.buffer).toBe(out.buffer);
    coordinates.forEach((coordinate, n) => {
      const single = renderView(images[coordinate.sample], plan, coordinate);
      expect(batch.data.subarray(n * 576, (n + 1) * 576)).toEqual(single.data);
    });
  });

  it('rejects images of a different shape, naming the sample', () => {
    const images = [noiseImage(2, 8, 8, 1), noiseImage(3, 8, 9, 1)];
    expect(() =>
      renderBatch((sample) => images[sample], SIMCLR, [
        { sample: 0, epoch: 0, view: 0 },
        { sample: 1, epoch: 0, view: 0 },
      ]),
    ).toThrow(/image of sample 1 is 8x9x1/);
  });
});

// Node 20 ignores `--import tsx` for a worker's own entry, so a small eval'd bootstrap
// registers tsx inside the worker and then imports the TypeScript entry.
const WORKER_BOOTSTRAP = `import('tsx/esm/api').then(({ register }) => {
  register();
  return import(${JSON.stringify(new URL('./view-digest-worker.ts', import.meta.url).href)});
});`;

function digestInWorker(request: ViewDigestRequest): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: request });
    worker.once('message', (digest: string) => {
      resolve(digest);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('determinism across threads', () => {
  it('two worker threads render bit-identical views to the main thread', async () => {
    const images = [noiseImage(10, 32, 32, 3), noiseImage(11, 32, 32, 3), noiseImage(12, 32, 32, 3)];
    const coordinates: ViewCoordinate[] = [];
    for (let sample = 0; sample < 3; sample++) {
      for (let epoch = 0; epoch < 2; epoch++) {
        for (let view = 0; view < 2; view++) coordinates.push({ sample, epoch, view });
      }
    }
    const plans: ViewPlan[] = [
      { kind: 'replay', epochs: 2, seed: 77, preset: 'simclr' },
      { kind: 'replay', epochs: 2, seed: 77, preset: 'byol', normalize: { mean: [0.4, 0.45, 0.5], std: [0.2, 0.25, 0.3] } },
    ];
    for (const plan of plans) {
      const request = { images, plan, coordinates };
      const [first, second] = await Promise.all([digestInWorker(request), digestInWorker(request)]);
      const main = viewDigest(request);
      expect(first).toBe(main);
      expect(second).toBe(main);
    }
    const otherViews = coordinates.map((c) => ({ ...c, view: 1 - c.view }));
    expect(viewDigest({ images, plan: plans[0], coordinates: otherViews })).not.toBe(viewDigest({ images, plan: plans[0], coordinates }));
  });
});

describe('pinned views (the determinism contract across versions)', () => {
  // sha256 of every view (uint8, then the normalised batch) of each case, all epochs and views, as
  // rendered by the straightforward per-op implementation before the fused fast paths (commit 0619877):
  // the fast paths must give the same bits. A change here needs AUGMENT_VERSION bumped.
  const cases: Array<[string, HwcImage[], ViewPlan, string]> = [
    ['simclr 96x96x3', [noiseImage(1, 96, 96, 3), noiseImage(2, 96, 96, 3)], { kind: 'replay', epochs: 8, seed: 7, preset: 'simclr' },
      '15dfd0709b4ae117c0f371b8b905aad89604f74b140351d143f3dfee878b262a'],
    ['simclr 120x100x3 -> 64x64, ImageNet normalisation', [noiseImage(3, 120, 100, 3), noiseImage(4, 120, 100, 3)],
      { kind: 'replay', epochs: 8, seed: 8, preset: 'simclr', size: { height: 64, width: 64 }, normalize: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] } },
      'c96188307d3bde60bb5b28dc6392de08f849c9ca785f0a0821348cc2af1e72e4'],
    ['byol 64x64x3 (solarize)', [noiseImage(5, 64, 64, 3), noiseImage(6, 64, 64, 3)], { kind: 'replay', epochs: 8, seed: 9, preset: 'byol' },
      'ce704dbb2e2b0718a4c00eca2efbcafee1629f83d6c5e76c5753d22a8e341ed8'],
    ['mocov2 28x28x1', [noiseImage(7, 28, 28, 1), noiseImage(8, 28, 28, 1)], { kind: 'replay', epochs: 8, seed: 10, preset: 'mocov2' },
      '63935a85e7ec852257006b3f322c9db8a08325ed36abb4b0b27e05b874b9cb5b'],
    ['simclr 40x40x2', [noiseImage(9, 40, 40, 2), noiseImage(10, 40, 40, 2)], { kind: 'replay', epochs: 8, seed: 11, preset: 'simclr' },
      '815d26d609aeaebce46aa2b0241421f7c577eee25c11ed68bfeb31bd405d8495'],
    ['fixed 50x30x3 -> 24x36', [noiseImage(11, 50, 30, 3)], { kind: 'fixed', size: { height: 24, width: 36 } },
      '48c67ae3afdbbcbc4f37c41906e3d0eca808cef220be9be30a69e6b012711a74'],
  ];

  it.each(cases)('%s', (_, images, plan, digest) => {
    const { epochs, views } = plan.kind === 'replay' ? { epochs: plan.epochs, views: 2 } : { epochs: 1, views: 1 };
    const coordinates: ViewCoordinate[] = [];
    for (let sample = 0; sample < images.length; sample++) {
      for (let epoch = 0; epoch < epochs; epoch++) {
        for (let view = 0; view < views; view++) coordinates.push({ sample, epoch, view });
      }
    }
    expect(viewDigest({ images, plan, coordinates })).toBe(digest);
  });
});
