// What the parent sends a measuring child process (one backend, thread count and row) and what it reports back.
import type { BackendName } from '@ssl-distill/runtime';
import type { KnnSettings, RowId } from './rows.js';

export interface CellJob {
  row: RowId;
  backend: BackendName;
  threads: number;
  batch: number;
  steps: number;
  warmup: number;
  knn: KnnSettings;
  /** Also profile one step (model rows). */
  profile: boolean;
}

export interface Throughput {
  steps: number;
  seconds: number;
  imagesPerSecond: number;
}

/** One kernel's share of a profiled step. */
export interface KernelTime {
  kernel: string;
  calls: number;
  ms: number;
  /** 'native' (the addon), 'js (cpu fallback)' (a cpu kernel inherited by the native backend), else the backend's name. */
  ranOn: string;
}

export interface StepProfile {
  phase: 'forward' | 'train';
  /** Wall time of the profiled step (profiling adds a little). */
  wallMs: number;
  /** Slowest first. */
  kernels: KernelTime[];
}

export type Measurement =
  | {
      kind: 'model';
      batch: number;
      /** Absent when the row does not time it. */
      forward?: Throughput;
      train?: Throughput;
      /** Trainable parameters of the backbone (without the 10-way head). */
      params: number;
      profile?: StepProfile;
    }
  | { kind: 'knn'; seconds: number }
  /** Views rendered, normalised, per second of this process's CPU time (one thread renders). */
  | { kind: 'augment'; views: number; cpuSeconds: number; viewsPerCpuSecond: number };

/** tfjs-backend-wasm's memory cap. */
export const WASM_HEAP_CAP_BYTES = 4 * 2 ** 30;

/** What a child sends: 'step' after every finished step (the parent's sign of life), then its report. */
export type ChildMessage = { type: 'step' } | { type: 'report'; report: ChildReport };

export type ChildReport =
  | { ok: true; backendDetail: string; measurement: Measurement }
  | { ok: false; stage: 'backend' | 'measure'; message: string; outOfMemory: boolean };
