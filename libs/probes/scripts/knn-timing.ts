// Times knnProbe at MNIST scale (60k train x 10k test, dim 128, k = 200) on random clustered
// features. Not a test: run by hand with
//   node --conditions=@ssl-distill/source --import tsx libs/probes/scripts/knn-timing.ts [trainRows testRows dim]
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@ssl-distill/runtime';
import { knnProbe, type FeatureSet } from '../src/index.js';
import { seededRandom } from '@ssl-distill/augment';

const [trainRows = 60_000, testRows = 10_000, dim = 128] = process.argv.slice(2).map(Number);
const classes = 10;

function randomSet(rows: number, seed: number): FeatureSet {
  const random = seededRandom(seed);
  const centres = seededRandom(1);
  const centre = Float32Array.from({ length: classes * dim }, () => centres() * 2 - 1);
  const features = new Float32Array(rows * dim);
  const labels = new Int32Array(rows);
  for (let row = 0; row < rows; row++) {
    const label = (labels[row] = Math.floor(random() * classes));
    for (let d = 0; d < dim; d++) features[row * dim + d] = centre[label * dim + d]! + (random() * 2 - 1) * 6;
  }
  return { features, labels, dim };
}

const backend = await initBackend();
const train = randomSet(trainRows, 2);
const test = randomSet(testRows, 3);
const before = tf.memory().numTensors;
const start = performance.now();
const result = knnProbe(train, test, { k: 200 });
const seconds = (performance.now() - start) / 1000;
console.log(
  `${backend}: ${trainRows} x ${testRows} x ${dim}, k=200: ${seconds.toFixed(1)} s, top1 ${result.top1.toFixed(4)}, ` +
    `top5 ${result.top5.toFixed(4)}, tensors leaked ${tf.memory().numTensors - before}, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
);
