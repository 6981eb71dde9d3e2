import type * as tf from '@tensorflow/tfjs';
import { EmbeddingQueue, seedLoss, SEED_DEFAULTS } from '@ssl-distill/losses';
import { buildBackbone } from '@ssl-distill/models';
import { integer, number, object, type Infer } from '@ssl-distill/schema';
import { batchNeeds, buildProjection, headSchema, queueSeed, readCommonConfig, type MethodNeeds } from './common.js';
import { ConfigReader } from './config.js';
import { GradientMethod, type LossTerms, type MethodSetup, type Prepared } from './gradient-method.js';
import type { MethodBatch } from './method.js';
import { MocoBranch, mocoConfig } from './mocov2.js';

export const seedConfig = object({
  head: headSchema({ layers: 2 }, "student head, ending at the teacher's width"),
  queueSize: integer({ min: 1, default: 4096, description: 'past teacher embeddings in the queue' }),
  teacherTemperature: number({ above: 0, default: SEED_DEFAULTS.teacherTemperature }),
  studentTemperature: number({ above: 0, default: SEED_DEFAULTS.studentTemperature }),
});
export const seedMocoConfig = object({
  ...seedConfig.shape,
  seedWeight: number({ min: 0, default: 1 }),
  mocoWeight: number({ min: 0, default: 1 }),
  moco: object(mocoConfig.shape, { ...mocoConfig.options, optional: true, description: "the student's own MoCo-v2 task" }),
});
export const seedNeeds = (): MethodNeeds => ({ views: 1, teacherEmbeddings: true });
export const seedMocoNeeds = (): MethodNeeds => ({ views: 2, teacherEmbeddings: true });

type SeedSettings = Pick<Infer<typeof seedMocoConfig>, 'teacherTemperature' | 'studentTemperature' | 'seedWeight' | 'mocoWeight'>;

/**
 * SEED: the student (backbone + head to the teacher's width) matches the teacher's similarity
 * distribution over {its own teacher embedding} + a queue of past teacher embeddings. Student and
 * teacher see the SAME view (views[0] with teacherEmbeddings[0]); the teacher batch is enqueued
 * after the loss.
 * Config: the common fields (backbone, optimizer, schedule, seed), teacherDim and seedConfig's.
 *
 * With `withMoco` (registry name 'seed-mocov2') the student also learns its own MoCo-v2 task: query
 * on views[0], key on views[1], loss = seedWeight * SEED + mocoWeight * MoCo (seedMocoConfig).
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
    const settings = withMoco ? reader.schema(seedMocoConfig) : { ...reader.schema(seedConfig), seedWeight: 1, mocoWeight: 0 };
    const mocoSettings = 'moco' in settings ? settings.moco : undefined;
    const headShape = { ...settings.head, outDim: teacherDim };
    reader.finish();

    const { model: backbone, embedDim } = buildBackbone(common.backbone);
    const head = buildProjection(headShape, embedDim, 'head', common.seed);
    const teacherQueue = new EmbeddingQueue(settings.queueSize, teacherDim, queueSeed(common.seed, 0));
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
        needs: batchNeeds(moco ? seedMocoNeeds() : seedNeeds(), { teacherDim }),
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
