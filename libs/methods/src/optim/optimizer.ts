import * as tf from '@tensorflow/tfjs';
import { readArray, type NamedArrays } from './state.js';

/**
 * Default weight-decay rule: decay kernels (rank >= 2) only. Biases and batch-norm gammas/betas
 * are rank 1 and, as is standard, excluded.
 */
export function decaysByDefault(variable: tf.Variable): boolean {
  return variable.rank > 1;
}

export interface Optimizer {
  /** The variables it updates, in the order gradients are given. */
  readonly variables: readonly tf.Variable[];
  /** Updates applied so far. */
  readonly iterations: number;
  /** One update; `gradients[i]` belongs to `variables[i]` (null/undefined: that variable is skipped). */
  applyGradients(gradients: readonly (tf.Tensor | null | undefined)[], learningRate: number): void;
  /**
   * Slots and iteration count: `iterations` (length 1) and `slots/{slotName}/{variableIndex}`
   * (the variable's size, row-major).
   */
  getState(): NamedArrays;
  setState(state: NamedArrays): void;
  dispose(): void;
}

export interface WeightDecayOptions {
  /** Weight decay coefficient (default 0). */
  weightDecay?: number;
  /** Which variables are decayed (default: decaysByDefault, i.e. rank >= 2). */
  decays?: (variable: tf.Variable) => boolean;
}

/**
 * Shared machinery: per-variable zero-initialised slots (created eagerly, so state is complete
 * from step 0), the decay mask, iteration count, state export/import and disposal. Subclasses
 * write the update rule for one variable; it runs inside a tidy.
 */
export abstract class SlotOptimizer implements Optimizer {
  readonly variables: readonly tf.Variable[];
  protected readonly decayed: readonly boolean[];
  protected readonly weightDecay: number;
  private readonly slots: Map<string, tf.Variable[]>;
  private iterationCount = 0;

  protected constructor(variables: readonly tf.Variable[], slotNames: readonly string[], options: WeightDecayOptions) {
    const weightDecay = options.weightDecay ?? 0;
    if (!(weightDecay >= 0)) throw new Error(`weightDecay must be >= 0, got ${weightDecay}`);
    if (variables.length === 0) throw new Error('optimizer needs at least one variable');
    this.variables = [...variables];
    this.weightDecay = weightDecay;
    const decays = options.decays ?? decaysByDefault;
    this.decayed = this.variables.map((variable) => weightDecay > 0 && decays(variable));
    this.slots = new Map(
      slotNames.map((name) => [name, this.variables.map((v) => tf.tidy(() => tf.variable(tf.zerosLike(v), false)))]),
    );
  }

  get iterations(): number {
    return this.iterationCount;
  }

  applyGradients(gradients: readonly (tf.Tensor | null | undefined)[], learningRate: number): void {
    if (gradients.length !== this.variables.length) {
      throw new Error(`got ${gradients.length} gradients for ${this.variables.length} variables`);
    }
    if (!Number.isFinite(learningRate)) throw new Error(`learningRate must be finite, got ${learningRate}`);
    this.iterationCount += 1;
    tf.tidy(() => {
      gradients.forEach((gradient, index) => {
        if (!gradient) return;
        const variable = this.variables[index]!;
        if (!tf.util.arraysEqual(gradient.shape, variable.shape)) {
          throw new Error(`gradient ${index} has shape [${gradient.shape}], variable '${variable.name}' has [${variable.shape}]`);
        }
        this.update(index, variable, gradient, learningRate);
      });
    });
  }

  /** Slot `name` of variable `index`. */
  protected slot(name: string, index: number): tf.Variable {
    return this.slots.get(name)![index]!;
  }

  protected abstract update(index: number, variable: tf.Variable, gradient: tf.Tensor, learningRate: number): void;

  getState(): NamedArrays {
    const state: NamedArrays = { iterations: new Float32Array([this.iterationCount]) };
    for (const [name, perVariable] of this.slots) {
      perVariable.forEach((slot, index) => (state[`slots/${name}/${index}`] = slot.dataSync() as Float32Array));
    }
    return state;
  }

  setState(state: NamedArrays): void {
    const restored = [...this.slots].flatMap(([name, perVariable]) =>
      perVariable.map((slot, index) => {
        const key = `slots/${name}/${index}`;
        return { slot, values: readArray(state, key, slot.size, `${name} of variable '${this.variables[index]!.name}' [${slot.shape}]`) };
      }),
    );
    const iterations = readArray(state, 'iterations', 1, 'optimizer update count')[0]!;
    // Everything is checked before anything is written, so a bad state leaves the optimizer intact.
    for (const { slot, values } of restored) tf.tidy(() => slot.assign(tf.tensor(values, slot.shape)));
    this.iterationCount = iterations;
  }

  dispose(): void {
    for (const perVariable of this.slots.values()) tf.dispose(perVariable);
    this.slots.clear();
  }
}
