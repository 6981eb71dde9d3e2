import { ConfigError, unknownName, type ObjectSchema } from '@ssl-distill/schema';
import { Byol, byolConfig, byolNeeds } from './byol.js';
import type { MethodNeeds } from './common.js';
import { Kassl, kasslConfig, kasslNeeds } from './kassl.js';
import { Kd, kdConfig, kdNeeds } from './kd.js';
import { L2Regression, l2RegressionConfig, l2RegressionNeeds } from './l2-regression.js';
import type { TrainableMethod } from './method.js';
import { MocoV2, mocoConfig, mocoNeeds } from './mocov2.js';
import { Seed, seedConfig, seedMocoConfig, seedMocoNeeds, seedNeeds } from './seed.js';
import { SelfDistillation, selfDistillationConfig, selfDistillationNeeds } from './self-distillation.js';
import { SimClr, simclrConfig, simclrNeeds } from './simclr.js';

/**
 * Everything the rest of the system knows about a method, declared once. `config` is what a user
 * writes (a pipeline's methodConfig, defaults included); the method's full config adds the common
 * fields (backbone, optimizer, schedule, seed) and the widths the caller fills in (`derives`).
 */
export interface MethodEntry<C = never> {
  description: string;
  config: ObjectSchema<C>;
  /** What its batches carry for a given (parsed) config. */
  needs: (config: C) => MethodNeeds;
  /** It builds a classifier: the caller passes the dataset's class count as numClasses. */
  classifier?: boolean;
  /** Validates the full config (errors are ConfigErrors naming the field) and builds the method. */
  create: (config: unknown) => TrainableMethod;
}

/** Ties an entry's config type to its needs function (the registry then holds entries of any config). */
const entry = <C>(method: MethodEntry<C>): MethodEntry<unknown> => method as unknown as MethodEntry<unknown>;

const hkd = kdConfig({ crossEntropy: 1 - 0.9, hinton: { weight: 0.9 } });
const rkd = kdConfig({ rkd: { weight: 1 } });
const tripletKd = kdConfig({ triplet: { weight: 1 } });
const kd = kdConfig();

export const methodRegistry = {
  simclr: entry({
    description: 'SimCLR: backbone + projector, NT-Xent over two views',
    config: simclrConfig, needs: simclrNeeds,
    create: (config) => SimClr.create(config, 'simclr'),
  }),
  mocov2: entry({
    description: 'MoCo-v2: EMA key encoder and a queue of keys, InfoNCE',
    config: mocoConfig, needs: mocoNeeds,
    create: (config) => MocoV2.create(config, 'mocov2'),
  }),
  byol: entry({
    description: 'BYOL: online predictor regresses the EMA target projection of the other view',
    config: byolConfig, needs: byolNeeds,
    create: (config) => Byol.create(config, 'byol'),
  }),
  seed: entry({
    description: 'SEED: student matches the teacher similarity distribution over a queue of teacher embeddings',
    config: seedConfig, needs: seedNeeds,
    create: (config) => Seed.create(config, 'seed'),
  }),
  'seed-mocov2': entry({
    description: "SEED plus the student's own MoCo-v2 loss, weighted",
    config: seedMocoConfig, needs: seedMocoNeeds,
    create: (config) => Seed.create(config, 'seed-mocov2', true),
  }),
  kassl: entry({
    description: "KASSL: student head at the teacher's width, negative cosine to the other view's teacher embedding",
    config: kasslConfig, needs: kasslNeeds,
    create: (config) => Kassl.create(config, 'kassl'),
  }),
  'l2-regression': entry({
    description: 'Regress the teacher embedding of the same view (mean squared distance)',
    config: l2RegressionConfig, needs: l2RegressionNeeds,
    create: (config) => L2Regression.create(config, 'l2-regression'),
  }),
  supervised: entry({
    description: 'Cross-entropy classifier',
    config: kd, needs: kdNeeds, classifier: true,
    create: (config) => Kd.create(config, 'supervised', kd),
  }),
  hkd: entry({
    description: 'Hinton KD: 0.9 * soft-target KL (T = 4) + 0.1 * cross-entropy by default',
    config: hkd, needs: kdNeeds, classifier: true,
    create: (config) => Kd.create(config, 'hkd', hkd),
  }),
  rkd: entry({
    description: 'Cross-entropy + RKD-DA on the teacher embeddings',
    config: rkd, needs: kdNeeds, classifier: true,
    create: (config) => Kd.create(config, 'rkd', rkd),
  }),
  'triplet-kd': entry({
    description: 'Cross-entropy + triplet KD with the teacher embedding as anchor',
    config: tripletKd, needs: kdNeeds, classifier: true,
    create: (config) => Kd.create(config, 'triplet-kd', tripletKd),
  }),
  kd: entry({
    description: 'Any weighted sum of cross-entropy, Hinton KD, RKD-DA and triplet KD',
    config: kd, needs: kdNeeds, classifier: true,
    create: (config) => Kd.create(config, 'kd', kd),
  }),
  'self-distillation': entry({
    description: 'Be Your Own Teacher: per-stage heads, the deepest teaches the shallow ones',
    config: selfDistillationConfig, needs: selfDistillationNeeds, classifier: true,
    create: (config) => SelfDistillation.create(config, 'self-distillation'),
  }),
} as const satisfies Record<string, MethodEntry<unknown>>;

export type MethodName = keyof typeof methodRegistry;

export const methodNames = Object.keys(methodRegistry) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methodRegistry, name);
}

/** Builds method `name` from `config`; an unknown name is an error listing the known ones. */
export function createMethod(name: string, config: unknown): TrainableMethod {
  if (!isMethodName(name)) throw new ConfigError('method', unknownName('method', name, methodNames));
  return methodRegistry[name].create(config);
}

/** What method `name` reads from a batch under `config` (a user's methodConfig, validated here). */
export function methodNeeds(name: MethodName, config: unknown, path: string = name): MethodNeeds {
  const method = methodRegistry[name];
  return method.needs(method.config.parse(config ?? {}, path));
}
