import * as tf from '@tensorflow/tfjs';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** A weightless layer applying one function elementwise: its output has its input's shape. */
abstract class ElementwiseLayer extends tf.layers.Layer {
  constructor(args: LayerArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  /** No arguments beyond the base layer's (name, trainable, dtype). */
  override getConfig(): tf.serialization.ConfigDict {
    return super.getConfig();
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => this.activate(Array.isArray(inputs) ? inputs[0]! : inputs));
  }

  protected abstract activate(x: tf.Tensor): tf.Tensor;
}

/**
 * PyTorch's Hardsigmoid, relu6(x + 3) / 6 (MobileNetV3's gate). Not tfjs' 'hardSigmoid'
 * activation: that is Keras' clip(0.2 x + 0.5, 0, 1), a different curve.
 */
export class HardSigmoid extends ElementwiseLayer {
  static className = 'HardSigmoid';

  protected activate(x: tf.Tensor): tf.Tensor {
    return hardSigmoidOf(x);
  }
}
tf.serialization.registerClass(HardSigmoid);

/** PyTorch's Hardswish, x * relu6(x + 3) / 6 (MobileNetV3's activation). */
export class HardSwish extends ElementwiseLayer {
  static className = 'HardSwish';

  protected activate(x: tf.Tensor): tf.Tensor {
    return tf.mul(x, hardSigmoidOf(x));
  }
}
tf.serialization.registerClass(HardSwish);

function hardSigmoidOf(x: tf.Tensor): tf.Tensor {
  return tf.mul(tf.relu6(tf.add(x, 3)), 1 / 6);
}

export function hardSigmoid(args?: LayerArgs): HardSigmoid {
  return new HardSigmoid(args);
}

export function hardSwish(args?: LayerArgs): HardSwish {
  return new HardSwish(args);
}
