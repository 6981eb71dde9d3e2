import * as tf from '@tensorflow/tfjs';
import { SELF_DISTILLATION_DEFAULTS, selfDistillationLoss } from '@ssl-distill/losses';
import { buildBackbone, withStageOutputs } from '@ssl-distill/models';
import { number, object } from '@ssl-distill/schema';
import { batchNeeds, readCommonConfig, type MethodNeeds } from './common.js';
import { ConfigReader } from './config.js';
import { GradientMethod, type LossTerms, type MethodSetup } from './gradient-method.js';
import type { MethodBatch } from './method.js';

export const selfDistillationConfig = object({
  temperature: number({ above: 0, default: SELF_DISTILLATION_DEFAULTS.temperature, description: 'softening of the deepest head as teacher' }),
  alpha: number({ min: 0, max: 1, default: SELF_DISTILLATION_DEFAULTS.alpha, description: 'weight of the KL to the deepest head (1 - alpha: labels)' }),
  featureWeight: number({ min: 0, default: SELF_DISTILLATION_DEFAULTS.featureWeight, description: 'weight of the feature regression onto the deepest stage' }),
});
export const selfDistillationNeeds = (): MethodNeeds => ({ views: 1, labels: true });

/**
 * Be Your Own Teacher: a classifier head on every backbone stage; the deepest head learns from the
 * labels and teaches the shallower ones (softened KL and feature regression, see
 * selfDistillationLoss). Head i pools its stage ([N, H, W, C] -> [N, C]; MLP stages are already
 * [N, units]); shallow heads then map to the deepest stage's width (the bottleneck whose output
 * regresses onto the deepest features) and every head ends in a linear classifier. On views[0].
 * Config: the common fields (backbone, optimizer, schedule, seed), numClasses and selfDistillationConfig's.
 */
export class SelfDistillation extends GradientMethod {
  private constructor(
    setup: MethodSetup,
    private readonly stages: tf.LayersModel,
    private readonly heads: tf.LayersModel[],
    private readonly options: { temperature: number; alpha: number; featureWeight: number },
  ) {
    super(setup);
  }

  static create(config: unknown, path = 'self-distillation'): SelfDistillation {
    const reader = new ConfigReader(path, config);
    const common = readCommonConfig(reader);
    const numClasses = reader.positiveInteger('numClasses');
    const options = reader.schema(selfDistillationConfig);
    reader.finish();

    const backbone = buildBackbone(common.backbone);
    const deepest = backbone.stageShapes.length - 1;
    const deepDim = backbone.stageDims[deepest]!;
    const heads = backbone.stageShapes.map((shape, i) =>
      stageHead(shape, i < deepest ? deepDim : undefined, numClasses, `head${i + 1}`, layerSeed(common.seed, i)),
    );
    return new SelfDistillation(
      {
        name: path,
        encoder: backbone.model,
        trainable: { backbone: backbone.model, ...Object.fromEntries(heads.map((head, i) => [`head${i + 1}`, head])) },
        optimizer: common.optimizer,
        schedule: common.schedule,
        needs: batchNeeds(selfDistillationNeeds(), {}),
      },
      // Shares the backbone's layers and weights (disposed with the backbone).
      withStageOutputs(backbone.model),
      heads,
      options,
    );
  }

  protected lossTerms(batch: MethodBatch): LossTerms {
    const [, ...stageOutputs] = this.stages.apply(batch.views[0]!, { training: true }) as tf.Tensor[];
    const outputs = stageOutputs.map((stage, i) => this.heads[i]!.apply(stage, { training: true }) as tf.Tensor[]);
    return {
      total: selfDistillationLoss(
        outputs.map(([, logits]) => logits!),
        outputs.map(([features]) => features!),
        batch.labels!,
        this.options,
      ),
    };
  }
}

/** A distinct, non-zero initializer seed per head (tfjs treats seed 0 as unseeded). */
function layerSeed(seed: number, index: number): number {
  return ((seed * 7919 + index * 2 + 1) >>> 0) || 1;
}

/** [stage] -> [features, logits]; features are pooled, then mapped to `bottleneckDim` if given. */
function stageHead(stageShape: number[], bottleneckDim: number | undefined, numClasses: number, name: string, seed: number): tf.LayersModel {
  if (stageShape.length !== 3 && stageShape.length !== 1) {
    throw new Error(`self-distillation: stage output shape [${stageShape}] is neither [H, W, C] nor [units]`);
  }
  const input = tf.input({ shape: stageShape, name: `${name}/input` });
  const pooled =
    stageShape.length === 3
      ? tf.layers.globalAveragePooling2d({ name: `${name}/pool` }).apply(input)
      : tf.layers.activation({ activation: 'linear', name: `${name}/identity` }).apply(input);
  const features =
    bottleneckDim === undefined
      ? pooled
      : tf.layers
          .dense({ units: bottleneckDim, kernelInitializer: tf.initializers.glorotUniform({ seed }), name: `${name}/bottleneck` })
          .apply(pooled);
  const logits = tf.layers
    .dense({ units: numClasses, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }), name: `${name}/classifier` })
    .apply(features);
  return tf.model({ inputs: input, outputs: [features as tf.SymbolicTensor, logits as tf.SymbolicTensor], name });
}
