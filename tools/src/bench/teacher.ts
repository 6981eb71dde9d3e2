// `npm run bench:teacher`: a teacher's forward pass where extraction spends its time — ResNet-50 at
// 224x224x3, batch 32, images/s — on onnxruntime's CPU provider, the tfjs native backend and PyTorch,
// at the same thread count, in one run. PyTorch builds torchvision's resnet50 (random weights) and
// exports it to a temporary ONNX file that onnxruntime then runs: both run the same network. tfjs
// runs the same architecture built from layers here (random weights; speed does not depend on them).
// Prints a table; nothing is asserted (the machine may be shared: the load average is printed).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { initBackend } from '@ssl-distill/runtime';
import { REPO_ROOT } from './paths.js';

const options = new Command('bench:teacher')
  .option('--threads <n>', 'threads for every runtime', '2')
  .option('--batch <n>', 'images per forward pass', '32')
  .option('--steps <n>', 'timed forward passes (after one warm-up)', '3')
  .option('--python <path>', 'python with torch and torchvision', '/usr/bin/python3')
  .parse()
  .opts<{ threads: string; batch: string; steps: string; python: string }>();
const [threads, batch, steps] = [Number(options.threads), Number(options.batch), Number(options.steps)];
const SIZE = 224;

/** images/s of `forward` over `steps` timed calls after one warm-up. */
async function imagesPerSecond(forward: () => Promise<void>): Promise<number> {
  await forward();
  const start = performance.now();
  for (let i = 0; i < steps; i++) await forward();
  return (batch * steps) / ((performance.now() - start) / 1000);
}

async function onnxruntimeCpu(file: string): Promise<number> {
  const session = await ort.InferenceSession.create(file, { executionProviders: ['cpu'], intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential' });
  const input = new ort.Tensor('float32', Float32Array.from({ length: batch * 3 * SIZE * SIZE }, () => Math.random()), [batch, 3, SIZE, SIZE]);
  try {
    return await imagesPerSecond(async () => {
      const out = await session.run({ input });
      Object.values(out).forEach((t) => t.dispose());
    });
  } finally {
    await session.release();
  }
}

/** torchvision's resnet50 as tfjs layers: 7x7 stem, bottleneck stages [3, 4, 6, 3], 1000 logits. */
function resnet50(): tf.LayersModel {
  const input = tf.input({ shape: [SIZE, SIZE, 3] });
  const convBn = (x: tf.SymbolicTensor, filters: number, kernel: number, strides: number, relu: boolean) => {
    const y = tf.layers.batchNormalization().apply(tf.layers.conv2d({ filters, kernelSize: kernel, strides, padding: 'same', useBias: false }).apply(x)) as tf.SymbolicTensor;
    return relu ? (tf.layers.reLU().apply(y) as tf.SymbolicTensor) : y;
  };
  let x = convBn(input, 64, 7, 2, true);
  x = tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }).apply(x) as tf.SymbolicTensor;
  [[64, 3, 1], [128, 4, 2], [256, 6, 2], [512, 3, 2]].forEach(([width, blocks, stride]) => {
    for (let b = 0; b < blocks!; b++) {
      const s = b === 0 ? stride! : 1;
      const branch = convBn(convBn(convBn(x, width!, 1, 1, true), width!, 3, s, true), width! * 4, 1, 1, false);
      const shortcut = b === 0 ? convBn(x, width! * 4, 1, s, false) : x;
      x = tf.layers.reLU().apply(tf.layers.add().apply([branch, shortcut])) as tf.SymbolicTensor;
    }
  });
  const pooled = tf.layers.globalAveragePooling2d({}).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1000 }).apply(pooled) as tf.SymbolicTensor });
}

async function tfjsNative(): Promise<{ imagesPerSecond: number; backend: string }> {
  const backend = await initBackend({ backend: 'native', threads, log: () => {} });
  const model = resnet50();
  const images = tf.randomUniform([batch, SIZE, SIZE, 3]);
  try {
    return {
      backend,
      imagesPerSecond: await imagesPerSecond(async () => {
        const out = model.predict(images) as tf.Tensor;
        await out.data();
        out.dispose();
      }),
    };
  } finally {
    images.dispose();
    model.dispose();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'bench-teacher-'));
const onnxFile = join(dir, 'resnet50.onnx');
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
try {
  const loadBefore = load();
  console.error(`PyTorch: exporting resnet50 to ${onnxFile} and timing it ...`);
  const { stdout } = await promisify(execFile)(options.python, [join(REPO_ROOT, 'tools/torch/bench_teacher.py'), '--onnx', onnxFile, '--threads', String(threads), '--batch', String(batch), '--steps', String(steps)], { maxBuffer: 1 << 20 });
  const torch = JSON.parse(stdout.trim().split('\n').at(-1)!) as { torch: string; forward_images_per_s: number };
  console.error('onnxruntime CPU ...');
  const ortRate = await onnxruntimeCpu(onnxFile);
  console.error('tfjs native ...');
  const native = await tfjsNative();
  const rows: [string, number][] = [
    [`onnxruntime-node ${ort.env.versions.common} CPU provider`, ortRate],
    [`tfjs ${tf.version.tfjs} ${native.backend} backend`, native.imagesPerSecond],
    [`PyTorch ${torch.torch} (torchvision resnet50)`, torch.forward_images_per_s],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`ResNet-50 forward, 224x224x3, batch ${batch}, ${threads} threads, ${steps} timed passes after 1 warm-up`);
  console.log(`${'runtime'.padEnd(width)}  images/s  vs PyTorch`);
  for (const [name, rate] of rows) console.log(`${name.padEnd(width)}  ${rate.toFixed(1).padStart(8)}  ${(rate / torch.forward_images_per_s).toFixed(2).padStart(9)}x`);
  console.log(`load average (1/5/15 min) before ${loadBefore}, after ${load()}; random weights; the ONNX file was deleted`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
