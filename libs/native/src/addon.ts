import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Bias / activation arguments fused into a kernel's output: see csrc/epilogue.h. */
export type EpilogueArgs = [
  bias: Float32Array | null,
  activation: number,
  leakyAlpha: number,
  preluWeights: Float32Array | null,
];

/**
 * The compiled addon (csrc/addon.cc). Kernels write into `out` / `dx` / `dfilter`, which the
 * caller allocates; `geometry` is the 17 integers of csrc/conv_geometry.h.
 */
export interface NativeAddon {
  setThreads(threads: number): void;
  threads(): number;
  /** The oneDNN version and thread count, for logs. */
  info(): string;
  conv2d(x: Float32Array, filter: Float32Array, geometry: Int32Array, out: Float32Array, ...epilogue: EpilogueArgs): void;
  conv2dBackpropInput(dy: Float32Array, filter: Float32Array, geometry: Int32Array, dx: Float32Array): void;
  conv2dBackpropFilter(x: Float32Array, dy: Float32Array, geometry: Int32Array, dfilter: Float32Array): void;
  depthwiseConv2d(x: Float32Array, filter: Float32Array, geometry: Int32Array, out: Float32Array, ...epilogue: EpilogueArgs): void;
  depthwiseConv2dBackpropInput(dy: Float32Array, filter: Float32Array, geometry: Int32Array, dx: Float32Array): void;
  depthwiseConv2dBackpropFilter(x: Float32Array, dy: Float32Array, geometry: Int32Array, dfilter: Float32Array): void;
  /** Pooling; `geometry` as for conv2d with out_c = in_c, the window as the filter, dilation 1. */
  maxPool(x: Float32Array, geometry: Int32Array, out: Float32Array): void;
  avgPool(x: Float32Array, geometry: Int32Array, out: Float32Array): void;
  maxPoolGrad(dy: Float32Array, x: Float32Array, geometry: Int32Array, dx: Float32Array): void;
  avgPoolGrad(dy: Float32Array, geometry: Int32Array, dx: Float32Array): void;
  /** shape: [batchA, batchB, m, n, k, transposeA, transposeB]. */
  matMul(a: Float32Array, b: Float32Array, shape: Int32Array, out: Float32Array, ...epilogue: EpilogueArgs): void;
  /** op: see BinaryOp in csrc/kernels.h; shapes are padded to the output's rank. */
  binary(op: number, a: Float32Array, aShape: Int32Array, b: Float32Array, bShape: Int32Array, outShape: Int32Array, out: Float32Array): void;
  /** op: see UnaryOp in csrc/kernels.h; alpha is Step's value for x <= 0, or (alpha, beta) Clip's bounds. */
  unary(op: number, x: Float32Array, alpha: number, beta: number, out: Float32Array): void;
  /** The gradient of clipByValue: where(lo <= x <= hi, dy, 0). */
  clipGrad(dy: Float32Array, x: Float32Array, lo: number, hi: number, out: Float32Array): void;
  /** Sums (mean: averages) over the dims flagged in `reduced`; with `y` (same size as x, mean 0), sums x * y. */
  reduceSum(x: Float32Array, shape: Int32Array, reduced: Int32Array, mean: number, out: Float32Array, y?: Float32Array | null): void;
  broadcastTo(x: Float32Array, xShape: Int32Array, outShape: Int32Array, out: Float32Array): void;
  /** Parameters hold 1 or `channels` values; offset and scale may be null. */
  batchNorm(
    x: Float32Array, channels: number, mean: Float32Array, variance: Float32Array,
    offset: Float32Array | null, scale: Float32Array | null, epsilon: number, out: Float32Array,
  ): void;
  /** Writes dx and the per-channel gradients of batchNorm. */
  batchNormGrad(
    x: Float32Array, dy: Float32Array, channels: number, mean: Float32Array, variance: Float32Array,
    scale: Float32Array, epsilon: number,
    dx: Float32Array, dMean: Float32Array, dVariance: Float32Array, dScale: Float32Array, dOffset: Float32Array,
  ): void;
  addN(inputs: Float32Array[], out: Float32Array): void;
  /** out = (a + b) + c, c of a's size or one row of values broadcast over a's rows. */
  addChain(a: Float32Array, b: Float32Array, c: Float32Array, out: Float32Array): void;
}

/**
 * The addon scripts/build.mjs built; under SSL_DISTILL_NATIVE=asan its AddressSanitizer variant
 * (node must then run with LD_PRELOAD of libasan, or loading it fails and says so).
 */
export const ADDON_PATH = fileURLToPath(
  new URL(`../${process.env.SSL_DISTILL_NATIVE === 'asan' ? 'build-asan/' : ''}build/Release/ssl_distill_native.node`, import.meta.url),
);

export type AddonLoad = { ok: true; addon: NativeAddon } | { ok: false; reason: string };

/**
 * libgomp (oneDNN's and the addon's thread runtime) reads its wait policy when the addon loads
 * it. Its default, spinning after each parallel region, made training 3x slower when other
 * processes kept the cores busy, against a few percent lost to sleeping on an idle machine; an
 * explicit OMP_WAIT_POLICY or GOMP_SPINCOUNT wins.
 */
function preferPassiveWaiting(): void {
  if (process.env.OMP_WAIT_POLICY === undefined && process.env.GOMP_SPINCOUNT === undefined) {
    process.env.OMP_WAIT_POLICY = 'passive';
  }
}

/** Loads the addon at `path`; never throws. */
export function tryLoadAddon(path: string): AddonLoad {
  preferPassiveWaiting();
  try {
    return { ok: true, addon: createRequire(import.meta.url)(path) as NativeAddon };
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, reason: `native addon not built: ${why} (build it with: node libs/native/scripts/build.mjs)` };
  }
}

let loaded: AddonLoad | undefined;

/** The addon built by scripts/build.mjs, loaded once. */
export function loadAddon(): AddonLoad {
  loaded ??= tryLoadAddon(ADDON_PATH);
  return loaded;
}
