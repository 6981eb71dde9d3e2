import type * as tf from '@tensorflow/tfjs';
import { EmbeddingQueue, mocoInfoNceLoss, MOCO_INFONCE_DEFAULTS } from '@ssl-distill/losses';
import { buildBackbone, type ResolvedBackboneSpec } from '@ssl-distill/models';
import { buildProjection, queueSeed, readCommonConfig, readHeadShape, readMomentum, type HeadShape } from './common.js';
import { ConfigReader } from './config.js';
import { GradientMethod, type LossTerms, type MethodSetup, type Prepared } from './gradient-method.js';
import type { MethodBatch } from './method.js';
import { MomentumChain } from './momentum.js';

/** MoCo-v2 settings: `{ projector?: { hiddenDim?, outDim = 128, layers = 2 }, temperature = 0.2, queueSize = 4096, momentum = 0.99 }`. */
export interface MocoSettings {
  projector: HeadShape;
  temperature: number;
  queueSize: number;
  momentum: number;
}

/** Reads MoCo-v2's fields from `reader` (the method config itself, or a nested `moco` section). */
export function readMocoSettings(reader: ConfigReader): MocoSettings {
  return {
    projector: readHeadShape(reader.object('projector'), { outDim: 128, layers: 2 }),
    temperature: reader.number('temperature', MOCO_INFONCE_DEFAULTS.temperature, { above: 0 }),
    queueSize: reader.positiveInteger('queueSize', 4096),
    momentum: readMomentum(reader, 0.99),
  };
}

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
 * Config: { backbone, projector?, temperature = 0.2, queueSize = 4096, momentum = 0.99, optimizer?, schedule?, seed? }.
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
    const settings = readMocoSettings(reader);
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
        needs: { views: 2 },
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
