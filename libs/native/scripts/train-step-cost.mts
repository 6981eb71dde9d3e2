// What a 224-px training step of a preset costs on the native backend, 2 threads: wall and CPU
// time per step (CPU time is the steadier number on a shared machine), the bytes of output buffers
// the pool reused or allocated afresh, and with PROFILE=1 the kernels' times by kernel and by
// kernel + input shapes. BEFORE=1 puts back the state before the broadcast work of issue 17: tfjs's
// own Multiply gradient, a Multiply kernel without the x * 1 alias, and the pool capped at a quarter
// of RAM (the sigmoid's exp is in the addon and stays).
// Run: node --conditions=@ssl-distill/source --import tsx libs/native/scripts/train-step-cost.mts
// Env: PRESET (efficientNetB0 | mobilenetV3Large | ...), BATCH (8), STEPS (2), TOP (40).
import { totalmem } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { registerNativeBackend, type NativeBackend } from '@ssl-distill/native';
import { buildBackbone } from '@ssl-distill/models';

const batch = Number(process.env.BATCH || 8);
const tfjsMultiplyGrad = tf.getGradient(tf.Multiply)!;
const registered = await registerNativeBackend({ threads: 2 });
if (!registered.ok) throw new Error(registered.reason);
await tf.setBackend('native');
// Private members are reached on purpose: this script measures the pool itself.
const backend = tf.backend() as NativeBackend & { free: Map<number, Float32Array[]>; freeBytes: number; poolLimit: () => number };

if (process.env.BEFORE) {
  tf.registerGradient(tfjsMultiplyGrad);
  backend.poolLimit = () => Math.floor(totalmem() / 4);
  tf.unregisterKernel(tf.Multiply, 'native');
  tf.registerKernel({
    kernelName: tf.Multiply, backendName: 'native',
    kernelFunc: ({ inputs: { a, b } }) => {
      const outShape = tf.broadcast_util.assertAndGetBroadcastShape(a.shape, b.shape);
      const padded = (shape: number[]) => Int32Array.from([...new Array<number>(outShape.length - shape.length).fill(1), ...shape]);
      const out = backend.outputBuffer(tf.util.sizeFromShape(outShape));
      backend.addon.binary(2, backend.float32Values(a)!, padded(a.shape), backend.float32Values(b)!, padded(b.shape), Int32Array.from(outShape), out);
      return backend.output(outShape, out);
    },
  });
}

const pool = { fresh: 0, freshBytes: 0, reused: 0, reusedBytes: 0 };
const outputBuffer = backend.outputBuffer.bind(backend);
backend.outputBuffer = (size: number) => {
  const pooled = (backend.free.get(size)?.length ?? 0) > 0;
  if (pooled) (pool.reused++, (pool.reusedBytes += size * 4));
  else (pool.fresh++, (pool.freshBytes += size * 4));
  return outputBuffer(size);
};
const reportPool = (what: string) => {
  const gb = (bytes: number) => (bytes / 1e9).toFixed(2);
  console.log(`${what}: fresh ${pool.fresh} buffers (${gb(pool.freshBytes)} GB), reused ${pool.reused} (${gb(pool.reusedBytes)} GB), pool holds ${gb(backend.freeBytes)} GB, rss ${gb(process.memoryUsage().rss)} GB`);
  Object.assign(pool, { fresh: 0, freshBytes: 0, reused: 0, reusedBytes: 0 });
};

const { model } = buildBackbone({ preset: (process.env.PRESET || 'efficientNetB0') as never, inputShape: [224, 224, 3], seed: 1 });
const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
const optimizer = tf.train.sgd(0.01);
const images = tf.randomNormal([batch, 224, 224, 3]);
const target = tf.tidy(() => tf.randomNormal((model.apply(images) as tf.Tensor).shape));
const step = () => {
  const { value, grads } = tf.variableGrads(() => tf.tidy(() => tf.mean(tf.square(tf.sub(model.apply(images, { training: true }) as tf.Tensor, target)))) as tf.Scalar, variables);
  optimizer.applyGradients(grads);
  value.dataSync();
  tf.dispose([value, grads]);
};

step();
reportPool('first step');
const wall: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < Number(process.env.STEPS || 2); i++) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  step();
  wall.push(performance.now() - start);
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
}
reportPool('timed steps');
console.log(`${process.env.BEFORE ? 'before' : 'now'}: batch ${batch}, step wall ms ${wall.map((ms) => ms.toFixed(0)).join(' ')}, CPU ms ${cpu.map((ms) => ms.toFixed(0)).join(' ')}`);

if (process.env.PROFILE) {
  const info = await tf.profile(step);
  const byShapes = new Map<string, { ms: number; calls: number }>();
  const byKernel = new Map<string, number>();
  let total = 0;
  for (const kernel of info.kernels) {
    const ms = kernel.kernelTimeMs as number;
    const key = `${kernel.name} ${JSON.stringify(kernel.inputShapes)}`;
    const entry = byShapes.get(key) ?? { ms: 0, calls: 0 };
    entry.ms += ms;
    entry.calls++;
    byShapes.set(key, entry);
    byKernel.set(kernel.name, (byKernel.get(kernel.name) ?? 0) + ms);
    total += ms;
  }
  const share = (ms: number) => `${((100 * ms) / total).toFixed(1).padStart(5)}%`;
  console.log(`kernel time ${total.toFixed(0)} ms`);
  for (const [name, ms] of [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${share(ms)} ${ms.toFixed(0).padStart(6)} ms ${name}`);
  for (const [key, { ms, calls }] of [...byShapes].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(process.env.TOP || 40))) {
    console.log(`${share(ms)} ${ms.toFixed(0).padStart(6)} ms x${calls} ${key}`);
  }
}
