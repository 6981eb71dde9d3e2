import type * as tf from '@tensorflow/tfjs';
import { symmetricNegativeCosineLoss } from '@ssl-distill/losses';
import { buildBackbone, byolPredictor } from '@ssl-distill/models';
import { integer, object, optional } from '@ssl-distill/schema';
import { batchNeeds, buildProjection, headSchema, momentumSchema, readCommonConfig, type MethodNeeds } from './common.js';
import { ConfigReader } from './config.js';
import { GradientMethod, type LossTerms, type MethodSetup, type Prepared } from './gradient-method.js';
import type { MethodBatch } from './method.js';
import { MomentumChain } from './momentum.js';
import { applyChain } from './networks.js';

export const byolConfig = object({
  projector: headSchema({ outDim: 128, layers: 2 }, 'projection head (online and EMA target)'),
  predictor: object({ hiddenDim: optional(integer({ min: 1, description: "default: the projector's hidden width" })) }, { optional: true, description: 'online predictor' }),
  momentum: momentumSchema(0.99),
});
export const byolNeeds = (): MethodNeeds => ({ views: 2 });

/**
 * BYOL: online backbone + projector + predictor predicts the EMA target's (backbone + projector)
 * projection of the other view; symmetric negative cosine; the target follows after each step.
 * Config: the common fields (backbone, optimizer, schedule, seed) and byolConfig's.
 */
export class Byol extends GradientMethod {
  private constructor(
    setup: MethodSetup,
    private readonly online: tf.LayersModel[],
    private readonly target: MomentumChain,
  ) {
    super(setup);
  }

  static create(config: unknown, path = 'byol'): Byol {
    const reader = new ConfigReader(path, config);
    const common = readCommonConfig(reader);
    const { projector: projectorShape, predictor: { hiddenDim: predictorHidden }, momentum } = reader.schema(byolConfig);
    reader.finish();

    const { model: backbone, embedDim } = buildBackbone(common.backbone);
    const buildProjector = () => buildProjection(projectorShape, embedDim, 'projector', common.seed);
    const projector = buildProjector();
    const outDim = projectorShape.outDim;
    const predictor = byolPredictor({ inDim: outDim, hiddenDim: predictorHidden ?? projectorShape.hiddenDim ?? embedDim, outDim, name: 'predictor', seed: common.seed + 1 });
    const target = new MomentumChain(
      [
        { model: backbone, build: () => buildBackbone(common.backbone).model },
        { model: projector, build: buildProjector },
      ],
      momentum,
    );
    const [targetBackbone, targetProjector] = target.targets;
    return new Byol(
      {
        name: path,
        encoder: backbone,
        trainable: { backbone, projector, predictor },
        momentumTargets: { targetBackbone: targetBackbone!, targetProjector: targetProjector! },
        optimizer: common.optimizer,
        schedule: common.schedule,
        needs: batchNeeds(byolNeeds(), {}),
      },
      [backbone, projector, predictor],
      target,
    );
  }

  protected override prepare(batch: MethodBatch): Prepared {
    return { targetOnView1: this.target.forward(batch.views[0]!), targetOnView2: this.target.forward(batch.views[1]!) };
  }

  protected lossTerms(batch: MethodBatch, prepared: Prepared): LossTerms {
    const [predictionOnView1, predictionOnView2] = batch.views.slice(0, 2).map((view) => applyChain(this.online, view));
    return {
      total: symmetricNegativeCosineLoss(predictionOnView1!, predictionOnView2!, prepared.targetOnView1!, prepared.targetOnView2!),
    };
  }

  protected override afterUpdate(): void {
    this.target.update();
  }
}
