import * as tf from '@tensorflow/tfjs';
import { kasslLoss, l2Normalize } from '@ssl-distill/losses';
import { buildBackbone } from '@ssl-distill/models';
import { boolean, ConfigError, integer, number, object, optional } from '@ssl-distill/schema';
import { batchNeeds, buildProjection, headSchema, readCommonConfig, type MethodNeeds } from './common.js';
import { ConfigReader } from './config.js';
import { GradientMethod, type LossTerms, type MethodSetup } from './gradient-method.js';
import type { MethodBatch } from './method.js';
import { applyChain } from './networks.js';

interface TeacherReduction {
  /** Linear map [teacherDim] -> [dim] without bias; its kernel W is [teacherDim, dim]. */
  model: tf.LayersModel;
  reconstructionWeight: number;
}

export const kasslConfig = object({
  head: headSchema({ layers: 2 }, "student head, ending at the teacher's width (or teacherReduction.dim)"),
  noAugmentation: boolean({ default: false, description: 'one view: the loss is -cos(h(v), t(v))' }),
  teacherReduction: optional(object({
    dim: integer({ min: 1, description: "reduced width (at most the teacher's)" }),
    reconstructionWeight: number({ min: 0, default: 1 }),
  }, { description: "the head targets a trainable linear reduction of the teacher's embedding" })),
});
export const kasslNeeds = (config: { noAugmentation: boolean }): MethodNeeds => ({ views: config.noAugmentation ? 1 : 2, teacherEmbeddings: true });

/**
 * KASSL: the student's head is extended to the teacher's width and pulled (negative cosine) toward
 * the teacher embedding of the OTHER view: 0.5 (-cos(h(v2), t(v1)) - cos(h(v1), t(v2))).
 * Config: the common fields (backbone, optimizer, schedule, seed), teacherDim, and kasslConfig's.
 *
 * Variants:
 * - noAugmentation: one view; the loss is -cos(h(v), t(v)).
 * - teacherReduction: the head targets a trainable linear reduction of the teacher, t' = t̂ W
 *   (t̂ = t / ||t||). The KASSL term cannot train W (teacher inputs are stop-gradient there, and if
 *   it could, W and the head could both collapse to a constant). W instead learns the teacher's
 *   principal subspace through a tied linear auto-encoder term, reconstructionWeight * mean ||t̂ W Wᵀ - t̂||².
 */
export class Kassl extends GradientMethod {
  private constructor(
    setup: MethodSetup,
    private readonly student: tf.LayersModel[],
    private readonly views: number,
    private readonly reduction: TeacherReduction | undefined,
  ) {
    super(setup);
  }

  static create(config: unknown, path = 'kassl'): Kassl {
    const reader = new ConfigReader(path, config);
    const common = readCommonConfig(reader);
    const teacherDim = reader.positiveInteger('teacherDim');
    const settings = reader.schema(kasslConfig);
    const reductionSettings = settings.teacherReduction;
    if (reductionSettings && reductionSettings.dim > teacherDim) {
      throw new ConfigError(`${path}.teacherReduction.dim`, `must be <= ${teacherDim} (the teacher's width), got ${reductionSettings.dim}`);
    }
    const headShape = { ...settings.head, outDim: reductionSettings?.dim ?? teacherDim };
    reader.finish();

    const { model: backbone, embedDim } = buildBackbone(common.backbone);
    const head = buildProjection(headShape, embedDim, 'head', common.seed);
    const reduction = reductionSettings && {
      model: linearReduction(teacherDim, reductionSettings.dim, common.seed + 1),
      reconstructionWeight: reductionSettings.reconstructionWeight,
    };
    const needs = kasslNeeds(settings);
    return new Kassl(
      {
        name: path,
        encoder: backbone,
        trainable: { backbone, head, ...(reduction && { teacherReduction: reduction.model }) },
        optimizer: common.optimizer,
        schedule: common.schedule,
        needs: batchNeeds(needs, { teacherDim }),
      },
      [backbone, head],
      needs.views,
      reduction,
    );
  }

  protected lossTerms(batch: MethodBatch): LossTerms {
    const students = batch.views.slice(0, this.views).map((view) => applyChain(this.student, view));
    const teachers = batch.teacherEmbeddings!.slice(0, this.views);
    if (!this.reduction) return { total: crossedKassl(students, teachers) };

    const unitTeachers = teachers.map((teacher) => l2Normalize(teacher));
    const kernel = this.reduction.model.trainableWeights[0]!.read();
    const reduced = unitTeachers.map((teacher) => tf.matMul(teacher, kernel));
    const reconstructionErrors = unitTeachers.map((teacher, i) =>
      tf.mean(tf.sum(tf.square(tf.sub(tf.matMul(reduced[i]!, kernel, false, true), teacher)), -1)),
    );
    const parts = {
      kassl: crossedKassl(students, reduced),
      reconstruction: tf.mul(tf.addN(reconstructionErrors), this.reduction.reconstructionWeight / this.views) as tf.Scalar,
    };
    return { total: tf.add(parts.kassl, parts.reconstruction), parts };
  }
}

/** Two views: crossed KASSL; one view (no augmentation): the same view on both sides. */
function crossedKassl(students: tf.Tensor[], teachers: readonly tf.Tensor[]): tf.Scalar {
  const [s1, s2 = s1] = students;
  const [t1, t2 = t1] = teachers;
  return kasslLoss(s1!, s2!, t1!, t2!);
}

function linearReduction(teacherDim: number, dim: number, seed: number): tf.LayersModel {
  return tf.sequential({
    name: 'teacherReduction',
    layers: [
      tf.layers.dense({
        inputShape: [teacherDim],
        units: dim,
        useBias: false,
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
        name: 'teacherReduction/linear',
      }),
    ],
  });
}
