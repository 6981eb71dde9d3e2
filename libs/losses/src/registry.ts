import type * as tf from '@tensorflow/tfjs';
import { BINARY_CONTRASTIVE_DEFAULTS, binaryContrastiveLoss } from './binary-contrastive.js';
import { HINTON_KD_DEFAULTS, hintonKdLoss } from './hinton-kd.js';
import { MOCO_INFONCE_DEFAULTS, mocoInfoNceLoss, NT_XENT_DEFAULTS, ntXentLoss } from './infonce.js';
import { kasslLoss } from './kassl.js';
import { L2_REGRESSION_DEFAULTS, l2RegressionLoss } from './l2-regression.js';
import { negativeCosineLoss, symmetricNegativeCosineLoss } from './negative-cosine.js';
import { RKD_DEFAULTS, rkdAngleLoss, rkdDistanceLoss, rkdLoss } from './rkd.js';
import { SEED_DEFAULTS, seedLoss } from './seed.js';
import { SELF_DISTILLATION_DEFAULTS, selfDistillationLoss } from './self-distillation.js';
import { TRIPLET_KD_DEFAULTS, tripletKdLoss } from './triplet-kd.js';

/**
 * What a loss's tensor arguments are, in order: [N, D] embeddings of the student or the teacher, a
 * [K, D] queue, [N, C] logits, int32 [N] labels, per-stage lists, or an optional argument.
 */
export type LossArg = 'student' | 'teacher' | 'queue' | 'logits' | 'labels' | 'stage-logits' | 'stage-features' | 'optional';

export interface LossEntry {
  /** Its tensor arguments, in order (the registry's test calls every loss from these). */
  args: readonly LossArg[];
  /** Tensor arguments in the order the loss's documentation gives, then (where it has any) its options. */
  fn: (...args: never[]) => tf.Scalar;
  description: string;
  /** The options the loss uses when none are given ({} when it has none). */
  defaults: Readonly<object>;
}

// A loss's functions and options are exported beside its entry: a new loss touches this file, its own and its spec.
export { seedLoss, SEED_DEFAULTS, type SeedOptions } from './seed.js';
export { ntXentLoss, mocoInfoNceLoss, NT_XENT_DEFAULTS, MOCO_INFONCE_DEFAULTS, type InfoNceOptions } from './infonce.js';
export { negativeCosineLoss, symmetricNegativeCosineLoss } from './negative-cosine.js';
export { kasslLoss } from './kassl.js';
export { l2RegressionLoss, L2_REGRESSION_DEFAULTS, type L2RegressionOptions } from './l2-regression.js';
export { binaryContrastiveLoss, BINARY_CONTRASTIVE_DEFAULTS, type BinaryContrastiveOptions } from './binary-contrastive.js';
export { hintonKdLoss, HINTON_KD_DEFAULTS, type HintonKdOptions } from './hinton-kd.js';
export { rkdDistanceLoss, rkdAngleLoss, rkdLoss, RKD_DEFAULTS, type RkdOptions } from './rkd.js';
export { tripletKdLoss, TRIPLET_KD_DEFAULTS, type TripletKdOptions } from './triplet-kd.js';
export { selfDistillationLoss, SELF_DISTILLATION_DEFAULTS, type SelfDistillationOptions } from './self-distillation.js';

const NO_OPTIONS: Readonly<object> = Object.freeze({});

export const lossRegistry = {
  seed: { args: ['student', 'teacher', 'queue'], fn: seedLoss, description: 'SEED: student matches the teacher similarity distribution over a queue (student, teacher, queue)', defaults: SEED_DEFAULTS },
  'infonce-simclr': { args: ['student', 'student'], fn: ntXentLoss, description: 'SimCLR NT-Xent over 2N views (view1, view2)', defaults: NT_XENT_DEFAULTS },
  'infonce-moco': { args: ['student', 'student', 'queue'], fn: mocoInfoNceLoss, description: 'MoCo InfoNCE: query vs key positive and queue negatives (query, key, queue)', defaults: MOCO_INFONCE_DEFAULTS },
  'negative-cosine': { args: ['student', 'teacher'], fn: negativeCosineLoss, description: 'BYOL 2 - 2 cos(prediction, target) (prediction, target)', defaults: NO_OPTIONS },
  'negative-cosine-symmetric': { args: ['student', 'student', 'teacher', 'teacher'], fn: symmetricNegativeCosineLoss, description: 'BYOL/SimSiam two-view negative cosine (p1, p2, z1, z2)', defaults: NO_OPTIONS },
  kassl: { args: ['student', 'student', 'teacher', 'teacher'], fn: kasslLoss, description: 'KASSL: -cos of student extended head vs teacher, crossed over views (s1, s2, t1, t2)', defaults: NO_OPTIONS },
  'l2-regression': { args: ['student', 'teacher'], fn: l2RegressionLoss, description: 'Mean squared distance student -> teacher features (student, teacher)', defaults: L2_REGRESSION_DEFAULTS },
  'binary-contrastive': { args: ['student', 'teacher', 'optional'], fn: binaryContrastiveLoss, description: 'Binary NCE: sigmoid on positive vs batch or queue negatives (student, teacher, queue?)', defaults: BINARY_CONTRASTIVE_DEFAULTS },
  'hinton-kd': { args: ['logits', 'logits', 'labels'], fn: hintonKdLoss, description: 'Hinton KD: T^2 KL of softened logits + label CE (studentLogits, teacherLogits, labels?)', defaults: HINTON_KD_DEFAULTS },
  'rkd-distance': { args: ['student', 'teacher'], fn: rkdDistanceLoss, description: 'RKD-D: Huber on mean-normalised pairwise distances (student, teacher)', defaults: NO_OPTIONS },
  'rkd-angle': { args: ['student', 'teacher'], fn: rkdAngleLoss, description: 'RKD-A: Huber on triplet angle cosines (student, teacher)', defaults: NO_OPTIONS },
  rkd: { args: ['student', 'teacher'], fn: rkdLoss, description: 'RKD-DA: weighted RKD-D + RKD-A (student, teacher)', defaults: RKD_DEFAULTS },
  'triplet-kd': { args: ['student', 'teacher', 'optional'], fn: tripletKdLoss, description: 'Triplet KD: teacher anchor, student positive/negatives (student, teacher, pairs?)', defaults: TRIPLET_KD_DEFAULTS },
  'self-distillation': { args: ['stage-logits', 'stage-features', 'labels'], fn: selfDistillationLoss, description: 'Be Your Own Teacher: deepest head teaches shallow heads (stageLogits[], stageFeatures[], labels)', defaults: SELF_DISTILLATION_DEFAULTS },
} as const satisfies Record<string, LossEntry>;

export type LossName = keyof typeof lossRegistry;

export const lossNames = Object.keys(lossRegistry) as LossName[];

export function isLossName(name: string): name is LossName {
  return Object.hasOwn(lossRegistry, name);
}

/** The registry entry for `name`; an unknown name is an error that lists the known ones. */
export function getLoss<Name extends LossName>(name: Name): (typeof lossRegistry)[Name];
export function getLoss(name: string): LossEntry;
export function getLoss(name: string): LossEntry {
  if (!isLossName(name)) throw new Error(`unknown loss '${name}' (expected one of ${lossNames.join(', ')})`);
  return lossRegistry[name];
}
