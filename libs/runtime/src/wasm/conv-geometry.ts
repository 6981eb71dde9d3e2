import * as tf from '@tensorflow/tfjs';

export type Conv2DInfo = tf.backend_util.Conv2DInfo;

/** One spatial axis of a forward convolution. */
export interface ConvAxis {
  inSize: number;
  outSize: number;
  filterSize: number;
  stride: number;
  dilation: number;
  /** Zero padding before the first input element. */
  padBefore: number;
}

/** A range [start, end) of a signal plus the zeros to add around it. */
export interface AxisWindow {
  start: number;
  end: number;
  padBefore: number;
  padAfter: number;
}

export function convAxes(info: Conv2DInfo): [ConvAxis, ConvAxis] {
  return [
    {
      inSize: info.inHeight,
      outSize: info.outHeight,
      filterSize: info.filterHeight,
      stride: info.strideHeight,
      dilation: info.dilationHeight,
      padBefore: info.padInfo.top,
    },
    {
      inSize: info.inWidth,
      outSize: info.outWidth,
      filterSize: info.filterWidth,
      stride: info.strideWidth,
      dilation: info.dilationWidth,
      padBefore: info.padInfo.left,
    },
  ];
}

/** The part of [first, last) that lies in [0, length), and the zeros that stand for the rest. */
function windowOf(first: number, last: number, length: number): AxisWindow {
  const start = Math.max(0, first);
  const end = Math.min(length, last);
  return { start, end, padBefore: start - first, padAfter: last - end };
}

/**
 * The input gradient of a convolution is a stride-1 correlation of the zero-inserted output
 * gradient z (length outSize*stride) with the flipped filter at the same dilation:
 *   dx[i] = sum_k z[i + padBefore - k*dilation] w[k] = sum_k' zpad[i + k'*dilation] wflip[k'],
 * where zpad starts (filterSize-1)*dilation - padBefore elements before z[0] and is
 * inSize + (filterSize-1)*dilation long. Returns that range over z, clipped, plus its zero pads.
 */
export function inputGradientWindow(axis: ConvAxis): AxisWindow {
  const reach = (axis.filterSize - 1) * axis.dilation;
  const first = axis.padBefore - reach;
  return windowOf(first, first + axis.inSize + reach, axis.outSize * axis.stride);
}

/** How a strided convolution's input gradient splits into stride-1 correlations, on one axis. */
export interface PhaseAxis {
  /** Number of output phases (= stride): inputs i*stride + phase for one phase. */
  phases: number;
  /** Positions per phase, ceil(inSize / stride); the interleaved result is cropped to inSize. */
  phaseLength: number;
  /** Taps of the per-phase filter. */
  taps: number;
  /** The range of dy the per-phase correlations read, with its zero padding. */
  window: AxisWindow;
  /** The forward filter index behind (phase, tap), or -1 where that tap is a structural zero. */
  filterIndex(phase: number, tap: number): number;
}

/**
 * The input gradient dx[i*stride + phase] = sum_k dy[i + (phase + padBefore - k*dilation)/stride] w[k]
 * (over the k that make the offset integral) is, for each phase, a stride-1 correlation of dy with
 * the taps of w that land on that phase: no multiplications by inserted zeros.
 */
export function inputGradientPhases(axis: ConvAxis): PhaseAxis {
  const { stride, dilation, padBefore, filterSize } = axis;
  const offsets: number[] = [];
  for (let phase = 0; phase < stride; phase++) {
    for (let k = 0; k < filterSize; k++) {
      const reach = phase + padBefore - k * dilation;
      if (reach % stride === 0) offsets.push(reach / stride);
    }
  }
  const firstOffset = Math.min(...offsets);
  const taps = Math.max(...offsets) - firstOffset + 1;
  const phaseLength = Math.ceil(axis.inSize / stride);
  return {
    phases: stride,
    phaseLength,
    taps,
    window: windowOf(firstOffset, firstOffset + phaseLength + taps - 1, axis.outSize),
    filterIndex(phase, tap) {
      const reach = phase + padBefore - stride * (firstOffset + tap);
      const k = reach / dilation;
      return Number.isInteger(k) && k >= 0 && k < filterSize ? k : -1;
    },
  };
}

/**
 * The filter gradient is a correlation of the input with the output gradient used as a filter of
 * extent (outSize-1)*stride+1 (conv stride = forward dilation, conv dilation = forward stride):
 *   dw[k] = sum_o x[k*dilation + o*stride - padBefore] dy[o].
 * Returns the zero padding after the input that makes that correlation reach k = filterSize-1;
 * the correlation may yield more than filterSize positions, the caller keeps the first ones.
 */
export function filterGradientPadAfter(axis: ConvAxis): number {
  const lastRead = (axis.filterSize - 1) * axis.dilation + (axis.outSize - 1) * axis.stride - axis.padBefore;
  return Math.max(0, lastRead + 1 - axis.inSize);
}

export function requireChannelsLast(info: Conv2DInfo, kernelName: string): void {
  if (info.dataFormat !== 'channelsLast') {
    throw new Error(`${kernelName} on wasm supports dataFormat NHWC only, got ${info.dataFormat}`);
  }
}
