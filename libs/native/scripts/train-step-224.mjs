// A ResNet-18 (imagenet stem) training step at 224 px on the native backend, 2 threads: the median
// step time and, with PROFILE=1, the kernels' shares. BEFORE=1 runs pooling and sigmoid on the cpu
// backend's JS kernels, as before they were native. EAGER=1 alternates steps with deferred outputs
// computed at once (Tile and Add written out, every conv input gradient computed, as before) and
// prints both medians. Env: BATCH (8), STEPS (3), SPEC (a backbone spec, JSON).
// Needs the compiled libraries: npx tsc -b.
import * as tf from '@tensorflow/tfjs';
import { registerNativeBackend } from '@ssl-distill/native';
import { buildBackbone } from '@ssl-distill/models';
const batch = Number(process.env.BATCH || 8), steps = Number(process.env.STEPS || 3);
const r = await registerNativeBackend({ threads: 2 }); if (!r.ok) throw new Error(r.reason);
if (process.env.BEFORE) for (const name of ['MaxPool', 'MaxPoolGrad', 'AvgPool', 'AvgPoolGrad', 'Sigmoid']) {
  // the state before this change: these kernels ran the cpu backend's JS code
  tf.unregisterKernel(name, 'native');
  tf.registerKernel({ ...tf.getKernel(name, 'cpu'), backendName: 'native' });
}
await tf.setBackend('native');
const spec = process.env.SPEC ? JSON.parse(process.env.SPEC) : { kind: 'resnet', inputShape: [224, 224, 3], stem: 'imagenet', widths: [64, 128, 256, 512], blocksPerStage: 2, seed: 1 };
const { model } = buildBackbone(spec);
const vars = model.trainableWeights.map((w) => w.read());
const opt = tf.train.sgd(0.01);
const x = tf.randomNormal([batch, ...spec.inputShape]);
const target = tf.randomNormal([batch, model.outputs[0].shape.at(-1)]);
const step = () => { const { value, grads } = tf.variableGrads(() => tf.tidy(() => tf.mean(tf.square(tf.sub(model.apply(x, { training: true }), target)))), vars); opt.applyGradients(grads); value.dataSync(); tf.dispose([value, grads]); };
step();
const deferring = ['Tile', 'Conv2DBackpropInput', 'Add'].map((name) => tf.getKernel(name, 'native'));
const computeAtOnce = (eager) => {
  for (const config of deferring) {
    tf.unregisterKernel(config.kernelName, 'native');
    // float32Values reads the output, which computes a deferred one inside the kernel's time
    tf.registerKernel(eager ? { ...config, kernelFunc: (args) => { const out = config.kernelFunc(args); args.backend.float32Values(out); return out; } } : config);
  }
};
const n0 = tf.memory().numTensors;
const modes = process.env.EAGER ? ['deferred', 'eager'] : ['deferred'];
const times = Object.fromEntries(modes.map((mode) => [mode, []]));
for (let i = 0; i < steps * modes.length; i++) {
  const mode = modes[i % modes.length];
  computeAtOnce(mode === 'eager');
  const t = performance.now(); step(); times[mode].push(performance.now() - t);
}
computeAtOnce(false);
for (const mode of modes) {
  const sorted = times[mode].sort((a, b) => a - b);
  const med = sorted[Math.floor(sorted.length / 2)];
  console.log(`batch ${batch}${modes.length > 1 ? ` ${mode}` : ''}: median step ${(med / 1000).toFixed(2)} s, ${(batch / med * 1000).toFixed(2)} images/s, tensors ${n0} -> ${tf.memory().numTensors}`);
}
if (process.env.PROFILE) {
  const info = await tf.profile(step);
  const by = new Map();
  for (const k of info.kernels) by.set(k.name, (by.get(k.name) ?? 0) + k.kernelTimeMs);
  const total = [...by.values()].reduce((a, b) => a + b, 0);
  for (const [name, ms] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${name.padEnd(28)} ${(ms / 1000).toFixed(2)} s ${(100 * ms / total).toFixed(1)}%`);
}
