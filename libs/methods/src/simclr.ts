import type * as tf from '@tensorflow/tfjs';
import { ntXentLoss, NT_XENT_DEFAULTS } from '@ssl-distill/losses';
import { buildBackbone } from '@ssl-distill/models';
import { number, object } from '@ssl-distill/schema';
import { batchNeeds, buildProjection, headSchema, readCommonConfig, type MethodNeeds } from './common.js';
import { ConfigReader } from './config.js';
import { GradientMethod, type LossTerms, type MethodSetup } from './gradient-method.js';
import type { MethodBatch } from './method.js';
import { applyChain } from './networks.js';

/** What a SimCLR config sets besides the common fields (backbone, optimizer, schedule, seed). */
export const simclrConfig = object({
  projector: headSchema({ outDim: 128, layers: 2 }, 'projection head on the backbone'),
  temperature: number({ above: 0, default: NT_XENT_DEFAULTS.temperature, description: 'NT-Xent temperature' }),
});
export const simclrNeeds = (): MethodNeeds => ({ views: 2 });

/** SimCLR: backbone + projection head on two views, NT-Xent over the 2N projections. */
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
    const { projector: projectorShape, temperature } = reader.schema(simclrConfig);
    reader.finish();

    const backbone = buildBackbone(common.backbone);
    const projector = buildProjection(projectorShape, backbone.embedDim, 'projector', common.seed);
    const setup: MethodSetup = {
      name: path,
      encoder: backbone.model,
      trainable: { backbone: backbone.model, projector },
      optimizer: common.optimizer,
      schedule: common.schedule,
      needs: batchNeeds(simclrNeeds(), {}),
    };
    return new SimClr(setup, [backbone.model, projector], temperature);
  }

  protected lossTerms(batch: MethodBatch): LossTerms {
    const [first, second] = batch.views.slice(0, 2).map((view) => applyChain(this.networks, view));
    return { total: ntXentLoss(first!, second!, { temperature: this.temperature }) };
  }
}
