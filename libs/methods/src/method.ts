import type * as tf from '@tensorflow/tfjs';
import type { NamedArrays } from './optim/state.js';

/**
 * One training batch. All tensors are owned by the caller (a step never disposes them), so they
 * can come from a cache and be reused.
 */
export interface MethodBatch {
  /** One or two augmented views of the same N samples, each [N, ...inputShape] (images: [N, H, W, C]). */
  views: readonly tf.Tensor[];
  /** Teacher embeddings [N, teacherDim], one per view, same order as `views`. */
  teacherEmbeddings?: readonly tf.Tensor[];
  /** Teacher class logits [N, classes], one per view. */
  teacherLogits?: readonly tf.Tensor[];
  /** int32 class indices [N]. */
  labels?: tf.Tensor;
}

/** What a method reads from a batch. */
export interface BatchNeeds {
  /** Views used (the first `views` of batch.views; extra views are ignored). */
  views: number;
  /** Width of the teacher embeddings needed for each used view. */
  teacherDim?: number;
  /** Class count of the teacher logits needed for each used view. */
  teacherClasses?: number;
  labels?: boolean;
}

export interface StepResult {
  /** The loss the gradient was taken of (before the update). */
  loss: number;
  /** Its weighted terms, by name (present for methods whose loss has several terms). */
  parts: Record<string, number>;
  /** The learning rate this step used. */
  learningRate: number;
}

/**
 * A training method: models, optimizer, EMA targets and queues, advanced one batch at a time.
 *
 * Checkpoint state (`getState`), every value a Float32Array:
 *   step                                [1]  steps taken so far
 *   models/{role}/{i}                   weight i of model `role`, in `model.weights` order (trainable
 *                                            weights and BN moving statistics), row-major
 *   optimizer/iterations                [1]
 *   optimizer/slots/{slot}/{j}          optimizer slot of trainable variable j (the trainable weights
 *                                            of `trainableModels()`, roles in order)
 *   queues/{name}/contents              [K * D] queue rows, row-major
 *   queues/{name}/pointer               [1]  the queue's next write slot
 * `setState` on a method built from the same config restores it exactly: the next step then gives
 * bit-identical results to an uninterrupted run.
 */
export interface TrainableMethod {
  readonly name: string;
  /** The backbone whose pooled features the probes evaluate (the student / online network). */
  readonly encoder: tf.LayersModel;
  /** What a batch must carry (views, teacher embeddings or logits, labels). */
  readonly needs: BatchNeeds;
  /** Steps taken (drives the learning-rate schedule). */
  readonly stepCount: number;
  step(batch: MethodBatch): StepResult;
  /** The models the optimizer updates, by role. */
  trainableModels(): Record<string, tf.LayersModel>;
  /** Every model of the method by role, EMA targets included. */
  allModels(): Record<string, tf.LayersModel>;
  getState(): NamedArrays;
  setState(state: NamedArrays): void;
  dispose(): void;
}
