// Optimizers (SGD with momentum / Nesterov and L2 decay, AdamW) and learning-rate schedules whose
// state is plain named arrays, for bit-exact checkpoints. Also importable alone as
// '@ssl-distill/methods/optim' (no models or losses loaded).
export { decaysByDefault, SlotOptimizer, type Optimizer, type WeightDecayOptions } from './optimizer.js';
export { SgdOptimizer, type SgdOptions } from './sgd.js';
export { AdamWOptimizer, type AdamWOptions } from './adamw.js';
export { constantSchedule, cosineSchedule, type CosineScheduleOptions, type LearningRateSchedule } from './schedules.js';
export {
  createOptimizer,
  createSchedule,
  readOptimizerConfig,
  readScheduleConfig,
  type OptimizerConfig,
  type OptimizerFactory,
  type ScheduleConfig,
} from './config.js';
export { addPrefixed, readArray, underPrefix, type NamedArrays } from './state.js';
