import type * as tf from '@tensorflow/tfjs';
import { l2RegressionLoss, L2_REGRESSION_DEFAULTS } from '@ssl-distill/losses';
import { buildBackbone } from '@ssl-distill/models';
import { buildProjection, readCommonConfig, readHeadShape } from './common.js';
import { ConfigReader } from './config.js';
import { GradientMethod, type LossTerms, type MethodSetup } from './gradient-method.js';
import type { MethodBatch } from './method.js';
import { applyChain } from './networks.js';

/**
 * Feature regression: backbone + regressor (a linear layer by default) to the teacher's width,
 * mean squared distance to the teacher embedding of the same view (views[0]).
 * Config: { backbone, teacherDim, head?: { hiddenDim?, layers = 1 }, normalize = false, optimizer?, schedule?, seed? }.
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
    const headShape = readHeadShape(reader.object('head'), { layers: 1 }, teacherDim);
    const normalize = reader.boolean('normalize', L2_REGRESSION_DEFAULTS.normalize);
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
        needs: { views: 1, teacherDim },
      },
      [backbone, head],
      normalize,
    );
  }

  protected lossTerms(batch: MethodBatch): LossTerms {
    const student = applyChain(this.student, batch.views[0]!);
    return { total: l2RegressionLoss(student, batch.teacherEmbeddings![0]!, { normalize: this.normalize }) };
  }
}
