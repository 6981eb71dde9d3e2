import { createHash } from 'node:crypto';
import { validateOp, type Pipeline } from './ops.js';
import { isPresetName, presetPipelines, PRESET_NAMES, type PresetName } from './presets.js';
import {
  expectArray,
  expectInteger,
  expectKnownKeys,
  expectNumber,
  expectRecord,
  fail,
  isRecord,
} from './validate.js';

/** Per-channel normalisation of [0, 1] pixels: (x - mean) / std. One value broadcasts to all channels. */
export interface Normalization {
  mean: number[];
  std: number[];
}

export interface OutputSize {
  height: number;
  width: number;
}

/** One un-augmented view per sample (CompRess-style); epoch and view indices are ignored. */
export interface FixedPlan {
  kind: 'fixed';
  /** Resize to this size; default: the image's own size. */
  size?: OutputSize;
  normalize?: Normalization;
}

/** E augmented epochs of `views` views per sample, replayable bit for bit from `seed`. */
export interface ReplayPlan {
  kind: 'replay';
  epochs: number;
  /** uint32; the planSeed of the determinism contract. */
  seed: number;
  /** Views per sample per epoch; default 2. */
  views?: number;
  /** Exactly one of `preset` and `pipelines`. */
  preset?: PresetName;
  pipelines?: Pipeline[];
  /** Output size of every view; default: the image's own size. */
  size?: OutputSize;
  normalize?: Normalization;
}

export type ViewPlan = FixedPlan | ReplayPlan;

export const DEFAULT_NORMALIZATION: Normalization = { mean: [0.5], std: [0.5] };
export const DEFAULT_VIEWS_PER_SAMPLE = 2;

/** Bump when any op's pixels change for the same plan, so cached features under old ids are not reused. */
export const AUGMENT_VERSION = 1;

function validateSize(value: unknown, path: string): OutputSize {
  const size = expectRecord(value, path);
  expectKnownKeys(size, path, ['height', 'width']);
  return {
    height: expectInteger(size.height, `${path}.height`, 1, 65536),
    width: expectInteger(size.width, `${path}.width`, 1, 65536),
  };
}

function validateNormalization(value: unknown, path: string): Normalization {
  const record = expectRecord(value, path);
  expectKnownKeys(record, path, ['mean', 'std']);
  const mean = expectArray(record.mean, `${path}.mean`, 1).map((m, i) =>
    expectNumber(m, `${path}.mean[${i}]`, -1e6, 1e6),
  );
  const std = expectArray(record.std, `${path}.std`, 1).map((s, i) => {
    const value = expectNumber(s, `${path}.std[${i}]`, 0, 1e6);
    if (value === 0) fail(`${path}.std[${i}]`, 'must be positive', s);
    return value;
  });
  if (mean.length !== std.length && mean.length !== 1 && std.length !== 1) {
    throw new RangeError(`${path}: mean has ${mean.length} values but std has ${std.length} (lengths must match, or one be 1)`);
  }
  return { mean, std };
}

/** Checks a plan (e.g. parsed from YAML/JSON) and returns it with defaults filled in. */
export function validatePlan(value: unknown, path = 'plan'): ViewPlan {
  const plan = expectRecord(value, path);
  const size = plan.size === undefined ? undefined : validateSize(plan.size, `${path}.size`);
  const normalize =
    plan.normalize === undefined ? DEFAULT_NORMALIZATION : validateNormalization(plan.normalize, `${path}.normalize`);
  const optional = size === undefined ? {} : { size };
  if (plan.kind === 'fixed') {
    expectKnownKeys(plan, path, ['kind', 'size', 'normalize']);
    return { kind: 'fixed', ...optional, normalize };
  }
  if (plan.kind !== 'replay') fail(`${path}.kind`, "must be 'fixed' or 'replay'", plan.kind);
  expectKnownKeys(plan, path, ['kind', 'epochs', 'seed', 'views', 'preset', 'pipelines', 'size', 'normalize']);
  const epochs = expectInteger(plan.epochs, `${path}.epochs`, 1, 2 ** 32 - 1);
  const seed = expectInteger(plan.seed, `${path}.seed`, 0, 2 ** 32 - 1);
  const views =
    plan.views === undefined ? DEFAULT_VIEWS_PER_SAMPLE : expectInteger(plan.views, `${path}.views`, 1, 2 ** 32 - 1);
  const common = { kind: 'replay' as const, epochs, seed, views, ...optional, normalize };
  if ((plan.preset === undefined) === (plan.pipelines === undefined)) {
    throw new RangeError(`${path} must have exactly one of 'preset' and 'pipelines'`);
  }
  if (plan.preset !== undefined) {
    if (!isPresetName(plan.preset)) fail(`${path}.preset`, `must be one of ${PRESET_NAMES.join(', ')}`, plan.preset);
    return { ...common, preset: plan.preset };
  }
  const pipelines = expectArray(plan.pipelines, `${path}.pipelines`, 1).map((pipeline, p) =>
    expectArray(pipeline, `${path}.pipelines[${p}]`, 0).map((op, o) => validateOp(op, `${path}.pipelines[${p}][${o}]`)),
  );
  return { ...common, pipelines };
}

/** JSON with object keys sorted at every level, so equal plans serialise identically. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError(`canonicalJson: non-finite number ${value} has no JSON form`);
  }
  return JSON.stringify(value);
}

/** Stable id of a plan: the first 16 hex digits of sha256 over its canonical JSON with defaults filled in. */
export function planId(plan: ViewPlan): string {
  const canonical = canonicalJson({ augmentVersion: AUGMENT_VERSION, plan: validatePlan(plan) });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** How many epochs and views per sample a plan defines (fixed: one of each). */
export function planShape(plan: ViewPlan): { epochs: number; views: number } {
  if (plan.kind === 'fixed') return { epochs: 1, views: 1 };
  return { epochs: plan.epochs, views: plan.views ?? DEFAULT_VIEWS_PER_SAMPLE };
}

export interface ResolvedPlan {
  pipelines: Pipeline[];
  height: number;
  width: number;
  channels: number;
  mean: Float64Array;
  std: Float64Array;
}

/** The concrete pipelines, output size and per-channel normalisation of a plan for images of one shape. */
export function resolvePlan(plan: ViewPlan, shape: { height: number; width: number; channels: number }): ResolvedPlan {
  const checked = validatePlan(plan);
  const { height, width } = checked.size ?? shape;
  const normalize = checked.normalize ?? DEFAULT_NORMALIZATION;
  const perChannel = (values: number[], field: string): Float64Array => {
    if (values.length !== 1 && values.length !== shape.channels) {
      throw new RangeError(
        `plan.normalize.${field} has ${values.length} values; expected 1 or ${shape.channels} (the image's channels)`,
      );
    }
    return Float64Array.from({ length: shape.channels }, (_, c) => values[values.length === 1 ? 0 : c]);
  };
  let pipelines: Pipeline[] = [[]];
  if (checked.kind === 'replay') {
    // validatePlan guarantees exactly one of preset and pipelines.
    pipelines = checked.preset === undefined ? (checked.pipelines as Pipeline[]) : presetPipelines(checked.preset, shape);
  }
  return {
    pipelines,
    height,
    width,
    channels: shape.channels,
    mean: perChannel(normalize.mean, 'mean'),
    std: perChannel(normalize.std, 'std'),
  };
}
