// Every loss is one pure function over tf tensors returning a tf.Scalar; teacher-side inputs are
// constants (stopGradient). The registry maps names to { fn, description, defaults }.
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
export { EmbeddingQueue } from './embedding-queue.js';
export { stopGradient, l2Normalize } from './tensor-ops.js';
export { lossRegistry, lossNames, isLossName, getLoss, type LossEntry, type LossName } from './registry.js';
