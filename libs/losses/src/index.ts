// Every loss is one pure function over tf tensors returning a tf.Scalar; teacher-side inputs are
// constants (stopGradient). The registry maps names to { fn, description, defaults }.
export { EmbeddingQueue } from './embedding-queue.js';
export { stopGradient, l2Normalize } from './tensor-ops.js';
export * from './registry.js';
