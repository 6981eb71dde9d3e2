import type * as tf from '@tensorflow/tfjs';
import { EmbeddingQueue, seedLoss, SEED_DEFAULTS } from '@ssl-distill/losses';
import { buildBackbone } from '@ssl-distill/models';
import { buildProjection, queueSeed, readCommonConfig, readHeadShape } from './common.js';
import { ConfigReader } from './config.js';
import { GradientMethod, type LossTerms, type MethodSetup, type Prepared } from './gradient-method.js';
import type { MethodBatch } from './method.js';
import { MocoBranch, readMocoSettings } from './mocov2.js';

interface SeedSettings {
  teacherTemperature: number;
  studentTemperature: number;
  seedWeight: number;
  mocoWeight: number;
}

/**
 * SEED: the student (backbone + head to the teacher's width) matches the teacher's similarity
 * distribution over {its own teacher embedding} + a queue of past teacher embeddings. Student and
 * teacher see the SAME view (views[0] with teacherEmbeddings[0]); the teacher batch is enqueued
 * after the loss.
 * Config: { backbone, teacherDim, head?: { hiddenDim?, layers = 2 }, queueSize = 4096,
 *           teacherTemperature = 0.01, studentTemperature = 0.2, optimizer?, schedule?, seed? }.
 *
 * With `withMoco` (registry name 'seed-mocov2') the student also learns its own MoCo-v2 task: query
 * on views[0], key on views[1], loss = seedWeight * SEED + mocoWeight * MoCo. Extra config:
 * { seedWeight = 1, mocoWeight = 1, moco?: { projector?, temperature?, queueSize?, momentum? } }.
 */
export class Seed extends GradientMethod {
  private constructor(
    setup: MethodSetup,
    private readonly backbone: tf.LayersModel,
    private readonly head: tf.LayersModel,
    private readonly teacherQueue: EmbeddingQueue,
    private readonly settings: SeedSettings,
    private readonly moco: MocoBranch | undefined,
  ) {
    super(setup);
  }

  static create(config: unknown, path = 'seed', withMoco = false): Seed {
    const reader = new ConfigReader(path, config);
    const common = readCommonConfig(reader);
    const teacherDim = reader.positiveInteger('teacherDim');
    const headShape = readHeadShape(reader.object('head'), { layers: 2 }, teacherDim);
    const queueSize = reader.positiveInteger('queueSize', 4096);
    const settings: SeedSettings = {
      teacherTemperature: reader.number('teacherTemperature', SEED_DEFAULTS.teacherTemperature, { above: 0 }),
      studentTemperature: reader.number('studentTemperature', SEED_DEFAULTS.studentTemperature, { above: 0 }),
      seedWeight: withMoco ? reader.number('seedWeight', 1, { min: 0 }) : 1,
      mocoWeight: withMoco ? reader.number('mocoWeight', 1, { min: 0 }) : 0,
    };
    const mocoSettings = withMoco ? readMocoSettings(reader.object('moco')) : undefined;
    reader.finish();

    const { model: backbone, embedDim } = buildBackbone(common.backbone);
    const head = buildProjection(headShape, embedDim, 'head', common.seed);
    const teacherQueue = new EmbeddingQueue(queueSize, teacherDim, queueSeed(common.seed, 0));
    const moco = mocoSettings && new MocoBranch(backbone, common.backbone, embedDim, mocoSettings, common.seed + 1, 1, 'moco-');
    return new Seed(
      {
        name: path,
        encoder: backbone,
        trainable: { backbone, head, ...(moco && { mocoProjector: moco.projector }) },
        momentumTargets: moco?.targets('mocoKey') ?? {},
        queues: { teacher: teacherQueue, ...(moco && { mocoKeys: moco.queue }) },
        optimizer: common.optimizer,
        schedule: common.schedule,
        needs: moco ? { views: 2, teacherDim } : { views: 1, teacherDim },
      },
      backbone,
      head,
      teacherQueue,
      settings,
      moco,
    );
  }

  protected override prepare(batch: MethodBatch): Prepared {
    return this.moco ? { keys: this.moco.keys(batch.views[1]!) } : {};
  }

  protected lossTerms(batch: MethodBatch, prepared: Prepared): LossTerms {
    const features = this.backbone.apply(batch.views[0]!, { training: true }) as tf.Tensor;
    const student = this.head.apply(features, { training: true }) as tf.Tensor;
    const seed = seedLoss(student, batch.teacherEmbeddings![0]!, this.teacherQueue.tensor(), {
      teacherTemperature: this.settings.teacherTemperature,
      studentTemperature: this.settings.studentTemperature,
    });
    if (!this.moco) return { total: seed };
    const parts = {
      seed: seed.mul(this.settings.seedWeight) as tf.Scalar,
      moco: this.moco.loss(features, prepared.keys!).mul(this.settings.mocoWeight) as tf.Scalar,
    };
    return { total: parts.seed.add(parts.moco), parts };
  }

  protected override afterUpdate(batch: MethodBatch, prepared: Prepared): void {
    this.teacherQueue.enqueue(batch.teacherEmbeddings![0]!);
    this.moco?.afterUpdate(prepared.keys!);
  }
}
