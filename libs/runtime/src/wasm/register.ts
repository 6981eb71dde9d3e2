import * as tf from '@tensorflow/tfjs';
import { batchNormByChannelAffine, batchNormGradient } from './batch-norm.js';
import {
  conv2DBackpropFilter,
  conv2DBackpropInput,
  depthwiseConv2dNativeBackpropFilter,
  depthwiseConv2dNativeBackpropInput,
} from './conv-backprop.js';
import { WasmKernelScope, type CompositeKernel } from './kernel-scope.js';
import { castSharingBuffers, shareBuffer } from './buffer-sharing.js';
import { matMulWithExplicitTransposes } from './matmul.js';
import { broadcastReductionGradient, leadingAxesReduction } from './reductions.js';
import { tileByCopies } from './tile.js';
import { unsortedSegmentSum } from './segment-sum.js';

type KernelFunc = tf.KernelConfig['kernelFunc'];
type GradFunc = tf.GradConfig['gradFunc'];

const BACKEND = 'wasm';

// Marks the kernels registered here, in tfjs's own registry: a second copy of this module (source
// and built in one process) must see them and not wrap them again.
const OURS = Symbol.for('@ssl-distill/runtime:wasm-training-kernel');
type MarkedKernelFunc = KernelFunc & { [OURS]?: true };

/** Kernels that training needs and wasm lacks, and faster replacements for slow ones. */
const compositeKernels: ReadonlyArray<[string, CompositeKernel]> = [
  [tf.Conv2DBackpropFilter, conv2DBackpropFilter],
  [tf.Conv2DBackpropInput, conv2DBackpropInput],
  [tf.DepthwiseConv2dNativeBackpropFilter, depthwiseConv2dNativeBackpropFilter],
  [tf.DepthwiseConv2dNativeBackpropInput, depthwiseConv2dNativeBackpropInput],
  [tf.BatchMatMul, matMulWithExplicitTransposes(tf.BatchMatMul)],
  [tf._FusedMatMul, matMulWithExplicitTransposes(tf._FusedMatMul)],
  [tf.FusedBatchNorm, batchNormByChannelAffine],
  [tf.Sum, leadingAxesReduction(tf.Sum)],
  [tf.Mean, leadingAxesReduction(tf.Mean)],
  [tf.Cast, castSharingBuffers],
];

/** The kernels replaced here, so that composites can still call the wasm originals. */
const replacedKernels = new Map<string, KernelFunc>();

const directKernels: ReadonlyArray<[string, KernelFunc]> = [
  [tf.Identity, shareBuffer],
  [tf.Tile, tileByCopies],
  [tf.UnsortedSegmentSum, unsortedSegmentSum],
];

/** Gradients replaced while wasm is the active backend; other backends keep tfjs's own. */
const wasmGradients: ReadonlyArray<[string, (original: GradFunc) => GradFunc]> = [
  [tf.FusedBatchNorm, batchNormGradient],
  [tf.Sum, () => broadcastReductionGradient(tf.Sum)],
  [tf.Mean, () => broadcastReductionGradient(tf.Mean)],
];

function registerOver(kernelName: string, kernelFunc: KernelFunc): void {
  const existing = tf.getKernel(kernelName, BACKEND);
  if (existing) {
    replacedKernels.set(kernelName, existing.kernelFunc);
    tf.unregisterKernel(kernelName, BACKEND);
  }
  const marked: MarkedKernelFunc = (args) => kernelFunc(args);
  marked[OURS] = true;
  // The original's setup (binding its wasm function) still has to run if the backend is re-created.
  tf.registerKernel({ kernelName, backendName: BACKEND, kernelFunc: marked, setupFunc: existing?.setupFunc });
}

function registerGradientOnWasm(kernelName: string, makeGradient: (original: GradFunc) => GradFunc): void {
  const original = tf.getGradient(kernelName);
  const onWasm = makeGradient(original.gradFunc);
  tf.unregisterGradient(kernelName);
  tf.registerGradient({
    ...original,
    gradFunc: (dy, saved, attrs) => (tf.getBackend() === BACKEND ? onWasm : original.gradFunc)(dy, saved, attrs),
  });
}

/**
 * Registers, once, the wasm training kernels: the convolution gradients wasm lacks (built on its
 * XNNPACK convolutions), faster replacements for slow wasm kernels (Conv2DBackpropInput,
 * BatchMatMul, FusedBatchNorm, leading-axis Sum/Mean, Tile, Identity, Cast) and leaner
 * FusedBatchNorm/Sum/Mean gradients (used only while wasm is the active backend, so the cpu
 * backend keeps tfjs's reference behaviour). Safe to call again.
 */
export function registerWasmTrainingKernels(): void {
  if ((tf.getKernel(tf.Identity, BACKEND)?.kernelFunc as MarkedKernelFunc | undefined)?.[OURS]) return;
  for (const [kernelName, composite] of compositeKernels) {
    registerOver(kernelName, (args) => WasmKernelScope.runComposite(composite, args, replacedKernels));
  }
  for (const [kernelName, kernelFunc] of directKernels) registerOver(kernelName, kernelFunc);
  for (const [kernelName, makeGradient] of wasmGradients) registerGradientOnWasm(kernelName, makeGradient);
}
