import { Byol } from './byol.js';
import { Kassl } from './kassl.js';
import { Kd } from './kd.js';
import { L2Regression } from './l2-regression.js';
import type { TrainableMethod } from './method.js';
import { MocoV2 } from './mocov2.js';
import { Seed } from './seed.js';
import { SelfDistillation } from './self-distillation.js';
import { SimClr } from './simclr.js';

export interface MethodEntry {
  description: string;
  /** What a batch must carry. */
  inputs: string;
  /** Validates `config` (errors name the field, prefixed by the method name) and builds the method. */
  create: (config: unknown) => TrainableMethod;
}

export const methodRegistry = {
  simclr: {
    description: 'SimCLR: backbone + projector, NT-Xent over two views',
    inputs: '2 views',
    create: (config) => SimClr.create(config, 'simclr'),
  },
  mocov2: {
    description: 'MoCo-v2: EMA key encoder and a queue of keys, InfoNCE',
    inputs: '2 views',
    create: (config) => MocoV2.create(config, 'mocov2'),
  },
  byol: {
    description: 'BYOL: online predictor regresses the EMA target projection of the other view',
    inputs: '2 views',
    create: (config) => Byol.create(config, 'byol'),
  },
  seed: {
    description: 'SEED: student matches the teacher similarity distribution over a queue of teacher embeddings',
    inputs: '1 view + its teacher embedding',
    create: (config) => Seed.create(config, 'seed'),
  },
  'seed-mocov2': {
    description: "SEED plus the student's own MoCo-v2 loss, weighted",
    inputs: '2 views + the teacher embedding of view 0',
    create: (config) => Seed.create(config, 'seed-mocov2', true),
  },
  kassl: {
    description: "KASSL: student head at the teacher's width, negative cosine to the other view's teacher embedding",
    inputs: '2 views + teacher embeddings (1 with noAugmentation)',
    create: (config) => Kassl.create(config, 'kassl'),
  },
  'l2-regression': {
    description: 'Regress the teacher embedding of the same view (mean squared distance)',
    inputs: '1 view + its teacher embedding',
    create: (config) => L2Regression.create(config, 'l2-regression'),
  },
  supervised: {
    description: 'Cross-entropy classifier',
    inputs: '1 view + labels',
    create: (config) => Kd.create(config, 'supervised'),
  },
  hkd: {
    description: 'Hinton KD: 0.9 * soft-target KL (T = 4) + 0.1 * cross-entropy by default',
    inputs: '1 view + teacher logits + labels',
    create: (config) => Kd.create(config, 'hkd', { crossEntropy: 1 - 0.9, hinton: { weight: 0.9 } }),
  },
  rkd: {
    description: 'Cross-entropy + RKD-DA on the teacher embeddings',
    inputs: '1 view + teacher embedding + labels',
    create: (config) => Kd.create(config, 'rkd', { rkd: { weight: 1 } }),
  },
  'triplet-kd': {
    description: 'Cross-entropy + triplet KD with the teacher embedding as anchor',
    inputs: '1 view + teacher embedding + labels',
    create: (config) => Kd.create(config, 'triplet-kd', { triplet: { weight: 1 } }),
  },
  kd: {
    description: 'Any weighted sum of cross-entropy, Hinton KD, RKD-DA and triplet KD',
    inputs: '1 view + what the enabled terms need',
    create: (config) => Kd.create(config, 'kd'),
  },
  'self-distillation': {
    description: 'Be Your Own Teacher: per-stage heads, the deepest teaches the shallow ones',
    inputs: '1 view + labels',
    create: (config) => SelfDistillation.create(config, 'self-distillation'),
  },
} as const satisfies Record<string, MethodEntry>;

export type MethodName = keyof typeof methodRegistry;

export const methodNames = Object.keys(methodRegistry) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methodRegistry, name);
}

/** Builds method `name` from `config`; an unknown name is an error listing the known ones. */
export function createMethod(name: string, config: unknown): TrainableMethod {
  if (!isMethodName(name)) throw new Error(`unknown method '${name}' (expected one of ${methodNames.join(', ')})`);
  return methodRegistry[name].create(config);
}
