import type * as tf from '@tensorflow/tfjs';
import { l2RegressionLoss, L2_REGRESSION_DEFAULTS } from '@ssl-distill/losses';
import { buildBackbone } from '@ssl-distill/models';
import { boolean, object } from '@ssl-distill/schema';
import { batchNeeds, buildProjection, headSchema, readCommonConfig, type MethodNeeds } from './common.js';
import { ConfigReader } from './config.js';
import { GradientMethod, type LossTerms, type MethodSetup } from './gradient-method.js';
import type { MethodBatch } from './method.js';
import { applyChain } from './networks.js';

export const l2RegressionConfig = object({
  head: headSchema({ layers: 1 }, "regressor to the teacher's width (linear by default)"),
  normalize: boolean({ default: L2_REGRESSION_DEFAULTS.normalize, description: 'compare unit-length embeddings' }),
});
export const l2RegressionNeeds = (): MethodNeeds => ({ views: 1, teacherEmbeddings: true });

/**
 * Feature regression: backbone + regressor (a linear layer by default) to the teacher's width,
 * mean squared distance to the teacher embedding of the same view (views[0]).
 * Config: the common fields (backbone, optimizer, schedule, seed), teacherDim and l2RegressionConfig's.
 */
export class L2Regression extends GradientMethod {
  private constructor(
    setup: MethodSetup,
    private readonly student: tf.LayersModel[],
    private readonly normalize: boolean,
  ) {
    super(setup);
  }

  static create(config: unknown, path = 'l2-regression'): L2Regression {
    const reader = new ConfigReader(path, config);
    const common = readCommonConfig(reader);
    const teacherDim = reader.positiveInteger('teacherDim');
    const settings = reader.schema(l2RegressionConfig);
    const headShape = { ...settings.head, outDim: teacherDim };
    reader.finish();

    const { model: backbone, embedDim } = buildBackbone(common.backbone);
    const head = buildProjection(headShape, embedDim, 'regressor', common.seed);
    return new L2Regression(
      {
        name: path,
        encoder: backbone,
        trainable: { backbone, regressor: head },
        optimizer: common.optimizer,
        schedule: common.schedule,
        needs: batchNeeds(l2RegressionNeeds(), { teacherDim }),
      },
      [backbone, head],
      settings.normalize,
    );
  }

  protected lossTerms(batch: MethodBatch): LossTerms {
    const student = applyChain(this.student, batch.views[0]!);
    return { total: l2RegressionLoss(student, batch.teacherEmbeddings![0]!, { normalize: this.normalize }) };
  }
}
