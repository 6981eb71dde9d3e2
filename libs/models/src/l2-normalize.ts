import * as tf from '@tensorflow/tfjs';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

export interface L2NormalizeArgs extends LayerArgs {
  /** Axis to normalise along (default -1). */
  axis?: number;
  /** Norms below epsilon are treated as epsilon, so zero vectors stay zero instead of NaN (default 1e-12). */
  epsilon?: number;
}

/** y = x / max(||x||_2, epsilon) along `axis`, as tf.math.l2_normalize. Has no weights. */
export class L2Normalize extends tf.layers.Layer {
  static className = 'L2Normalize';
  readonly axis: number;
  readonly epsilon: number;

  constructor(args: L2NormalizeArgs = {}) {
    super(args);
    this.axis = args.axis ?? -1;
    this.epsilon = args.epsilon ?? 1e-12;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      // rsqrt(max(sum x^2, eps^2)) rather than 1/norm: the norm's gradient is NaN at zero.
      const squaredNorm = tf.sum(tf.square(x), this.axis, true);
      return tf.mul(x, tf.rsqrt(tf.maximum(squaredNorm, this.epsilon * this.epsilon)));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), axis: this.axis, epsilon: this.epsilon };
  }
}
tf.serialization.registerClass(L2Normalize);

export function l2Normalize(args?: L2NormalizeArgs): L2Normalize {
  return new L2Normalize(args);
}
