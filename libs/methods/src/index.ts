// One training step per method (SSL pretraining, distillation from cached teacher tensors,
// supervised KD), a registry of them, and optimizers / schedules with checkpointable state.
export type { BatchNeeds, MethodBatch, StepResult, TrainableMethod } from './method.js';
export { GradientMethod, type LossTerms, type MethodSetup, type Prepared } from './gradient-method.js';
export { checkBatch } from './batch.js';
export { ConfigReader } from './config.js';
export { batchNeeds, headSchema, type MethodNeeds } from './common.js';
export { MomentumChain, type OnlineNetwork } from './momentum.js';
export { applyChain, createMomentumTarget, trainableVariables, updateMomentumTarget } from './networks.js';
export { SimClr } from './simclr.js';
export { MocoV2, MocoBranch, mocoConfig, type MocoSettings } from './mocov2.js';
export { Byol } from './byol.js';
export { Seed } from './seed.js';
export { Kassl } from './kassl.js';
export { L2Regression } from './l2-regression.js';
export { Kd, kdConfig, type KdConfig } from './kd.js';
export { SelfDistillation } from './self-distillation.js';
export { methodRegistry, methodNames, isMethodName, createMethod, methodNeeds, type MethodEntry, type MethodName } from './registry.js';
export * from './optim/index.js';
