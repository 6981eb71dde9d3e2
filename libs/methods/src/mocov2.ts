import type * as tf from '@tensorflow/tfjs';
import { EmbeddingQueue, mocoInfoNceLoss, MOCO_INFONCE_DEFAULTS } from '@ssl-distill/losses';
import { buildBackbone, type ResolvedBackboneSpec } from '@ssl-distill/models';
import { integer, number, object, type Infer } from '@ssl-distill/schema';
import { batchNeeds, buildProjection, headSchema, momentumSchema, queueSeed, readCommonConfig, type MethodNeeds } from './common.js';
import { ConfigReader } from './config.js';
import { GradientMethod, type LossTerms, type MethodSetup, type Prepared } from './gradient-method.js';
import type { MethodBatch } from './method.js';
import { MomentumChain } from './momentum.js';

/** MoCo-v2's settings (the method config itself, or SEED + MoCo's nested `moco` section). */
export const mocoConfig = object({
  projector: headSchema({ outDim: 128, layers: 2 }, 'projection head of the query encoder (the key encoder is its EMA copy)'),
  temperature: number({ above: 0, default: MOCO_INFONCE_DEFAULTS.temperature, description: 'InfoNCE temperature' }),
  queueSize: integer({ min: 1, default: 4096, description: 'keys in the queue of negatives' }),
  momentum: momentumSchema(0.99),
});
export type MocoSettings = Infer<typeof mocoConfig>;
export const mocoNeeds = (): MethodNeeds => ({ views: 2 });

/**
 * MoCo-v2 on top of a backbone: a projection head (the query encoder is backbone + head), its EMA
 * copy (the key encoder) and a queue of past keys. Shared by MoCo-v2 and SEED + MoCo.
 */
export class MocoBranch {
  readonly projector: tf.LayersModel;
  readonly keyEncoder: MomentumChain;
  readonly queue: EmbeddingQueue;

  constructor(
    backbone: tf.LayersModel,
    backboneSpec: ResolvedBackboneSpec,
    embedDim: number,
    private readonly settings: MocoSettings,
    seed: number,
    queueIndex: number,
    namePrefix: string,
  ) {
    const name = `${namePrefix}projector`;
    this.projector = buildProjection(settings.projector, embedDim, name, seed);
    this.keyEncoder = new MomentumChain(
      [
        { model: backbone, build: () => buildBackbone(backboneSpec).model },
        { model: this.projector, build: () => buildProjection(settings.projector, embedDim, name, seed) },
      ],
      settings.momentum,
    );
    this.queue = new EmbeddingQueue(settings.queueSize, settings.projector.outDim, queueSeed(seed, queueIndex));
  }

  /** Keys of a view from the key encoder (no gradient). */
  keys(view: tf.Tensor): tf.Tensor {
    return this.keyEncoder.forward(view);
  }

  /** InfoNCE of the queries (projected from backbone features) against their keys and the queue. */
  loss(queryFeatures: tf.Tensor, keys: tf.Tensor): tf.Scalar {
    const queries = this.projector.apply(queryFeatures, { training: true }) as tf.Tensor;
    return mocoInfoNceLoss(queries, keys, this.queue.tensor(), { temperature: this.settings.temperature });
  }

  /** After the optimizer step: the key encoder follows the query encoder, then the keys are enqueued. */
  afterUpdate(keys: tf.Tensor): void {
    this.keyEncoder.update();
    this.queue.enqueue(keys);
  }

  /** The key encoder's models by role. */
  targets(prefix: string): Record<string, tf.LayersModel> {
    const [backbone, projector] = this.keyEncoder.targets;
    return { [`${prefix}Backbone`]: backbone!, [`${prefix}Projector`]: projector! };
  }
}

/**
 * MoCo-v2: query = backbone + projector on view 0; key = EMA encoder on view 1; InfoNCE against the
 * key and a queue of past keys, which the keys join after the step.
 * Config: the common fields (backbone, optimizer, schedule, seed) and mocoConfig's.
 */
export class MocoV2 extends GradientMethod {
  private constructor(
    setup: MethodSetup,
    private readonly backbone: tf.LayersModel,
    private readonly moco: MocoBranch,
  ) {
    super(setup);
  }

  static create(config: unknown, path = 'mocov2'): MocoV2 {
    const reader = new ConfigReader(path, config);
    const common = readCommonConfig(reader);
    const settings = reader.schema(mocoConfig);
    reader.finish();

    const { model: backbone, embedDim } = buildBackbone(common.backbone);
    const moco = new MocoBranch(backbone, common.backbone, embedDim, settings, common.seed, 0, '');
    return new MocoV2(
      {
        name: path,
        encoder: backbone,
        trainable: { backbone, projector: moco.projector },
        momentumTargets: moco.targets('key'),
        queues: { keys: moco.queue },
        optimizer: common.optimizer,
        schedule: common.schedule,
        needs: batchNeeds(mocoNeeds(), {}),
      },
      backbone,
      moco,
    );
  }

  protected override prepare(batch: MethodBatch): Prepared {
    return { keys: this.moco.keys(batch.views[1]!) };
  }

  protected lossTerms(batch: MethodBatch, prepared: Prepared): LossTerms {
    const features = this.backbone.apply(batch.views[0]!, { training: true }) as tf.Tensor;
    return { total: this.moco.loss(features, prepared.keys!) };
  }

  protected override afterUpdate(_batch: MethodBatch, prepared: Prepared): void {
    this.moco.afterUpdate(prepared.keys!);
  }
}
