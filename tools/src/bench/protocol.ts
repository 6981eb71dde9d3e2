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
}

export interface Throughput {
  steps: number;
  seconds: number;
  imagesPerSecond: number;
}

export type Measurement =
  | { kind: 'model'; batch: number; forward: Throughput; train: Throughput }
  | { kind: 'knn'; seconds: number };

/** tfjs-backend-wasm's memory cap. */
export const WASM_HEAP_CAP_BYTES = 4 * 2 ** 30;

/** What a child sends: 'step' after every finished step (the parent's sign of life), then its report. */
export type ChildMessage = { type: 'step' } | { type: 'report'; report: ChildReport };

export type ChildReport =
  | { ok: true; backendDetail: string; measurement: Measurement }
  | { ok: false; stage: 'backend' | 'measure'; message: string; outOfMemory: boolean };
