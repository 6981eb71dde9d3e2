import type * as tf from '@tensorflow/tfjs';
import { ntXentLoss, NT_XENT_DEFAULTS } from '@ssl-distill/losses';
import { buildBackbone } from '@ssl-distill/models';
import { buildProjection, readCommonConfig, readHeadShape } from './common.js';
import { ConfigReader } from './config.js';
import { GradientMethod, type LossTerms, type MethodSetup } from './gradient-method.js';
import type { MethodBatch } from './method.js';
import { applyChain } from './networks.js';

/**
 * SimCLR: backbone + projection head on two views, NT-Xent over the 2N projections.
 * Config: { backbone, projector?: { hiddenDim?, outDim = 128, layers = 2 }, temperature = 0.5, optimizer?, schedule?, seed? }.
 */
export class SimClr extends GradientMethod {
  private constructor(
    setup: MethodSetup,
    private readonly networks: tf.LayersModel[],
    private readonly temperature: number,
  ) {
    super(setup);
  }

  static create(config: unknown, path = 'simclr'): SimClr {
    const reader = new ConfigReader(path, config);
    const common = readCommonConfig(reader);
    const projectorShape = readHeadShape(reader.object('projector'), { outDim: 128, layers: 2 });
    const temperature = reader.number('temperature', NT_XENT_DEFAULTS.temperature, { above: 0 });
    reader.finish();

    const backbone = buildBackbone(common.backbone);
    const projector = buildProjection(projectorShape, backbone.embedDim, 'projector', common.seed);
    const setup: MethodSetup = {
      name: path,
      encoder: backbone.model,
      trainable: { backbone: backbone.model, projector },
      optimizer: common.optimizer,
      schedule: common.schedule,
      needs: { views: 2 },
    };
    return new SimClr(setup, [backbone.model, projector], temperature);
  }

  protected lossTerms(batch: MethodBatch): LossTerms {
    const [first, second] = batch.views.slice(0, 2).map((view) => applyChain(this.networks, view));
    return { total: ntXentLoss(first!, second!, { temperature: this.temperature }) };
  }
}
