import * as tf from '@tensorflow/tfjs';

/** Runs `models` one after another on `input` (BN in training mode unless `training` is false). */
export function applyChain(models: readonly tf.LayersModel[], input: tf.Tensor, training = true): tf.Tensor {
  return models.reduce((x, model) => model.apply(x, { training }) as tf.Tensor, input);
}

/** The variables behind a model's trainable weights, in `trainableWeights` order. */
export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((weight) => weight.read() as tf.Variable);
}

/**
 * A momentum (EMA) copy of `online`: `build()` must create the same architecture; all of online's
 * weights (BN moving statistics included) are copied into it, so both start identical.
 */
export function createMomentumTarget(online: tf.LayersModel, build: () => tf.LayersModel): tf.LayersModel {
  const target = build();
  if (target.weights.length !== online.weights.length) {
    target.dispose();
    throw new Error(`momentum target of '${online.name}' has ${target.weights.length} weights, online has ${online.weights.length}`);
  }
  tf.tidy(() => target.weights.forEach((weight, i) => weight.write(online.weights[i]!.read())));
  return target;
}

/**
 * target = momentum * target + (1 - momentum) * online, over trainable weights (as MoCo and BYOL
 * update parameters only; the target's BN statistics follow its own training-mode forward passes).
 */
export function updateMomentumTarget(target: tf.LayersModel, online: tf.LayersModel, momentum: number): void {
  tf.tidy(() => {
    target.trainableWeights.forEach((weight, i) => {
      const onlineValue = online.trainableWeights[i]!.read();
      weight.write(tf.add(tf.mul(weight.read(), momentum), tf.mul(onlineValue, 1 - momentum)));
    });
  });
}
