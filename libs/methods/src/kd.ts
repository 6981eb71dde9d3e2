import * as tf from '@tensorflow/tfjs';
import { HINTON_KD_DEFAULTS, hintonKdLoss, l2Normalize, RKD_DEFAULTS, rkdLoss, TRIPLET_KD_DEFAULTS } from '@ssl-distill/losses';
import { buildBackbone, linearClassifier } from '@ssl-distill/models';
import { boolean, ConfigError, number, object, type Infer, type Schema } from '@ssl-distill/schema';
import { batchNeeds, buildProjection, readCommonConfig, type MethodNeeds } from './common.js';
import { ConfigReader } from './config.js';
import { GradientMethod, type LossTerms, type MethodSetup } from './gradient-method.js';
import type { MethodBatch } from './method.js';

/** Weights (and settings) of KD's terms; a preset (HKD, RKD, triplet KD) changes their defaults. */
export interface KdDefaults {
  crossEntropy?: number;
  hinton?: { weight: number };
  rkd?: { weight: number };
  triplet?: { weight: number };
}

/** The KD config with `defaults` as its default weights: what a preset such as HKD is. */
export function kdConfig(defaults: KdDefaults = {}) {
  const term = <S extends Record<string, Schema<unknown>>>(name: string, weight: number, settings: S, description: string) =>
    object({ weight: number({ min: 0, default: weight, description: `weight of the ${name} term (0: off)` }), ...settings }, { optional: true, description });
  return object({
    crossEntropy: number({ min: 0, default: defaults.crossEntropy ?? 1, description: 'weight of the cross-entropy on the labels (0: off)' }),
    hinton: term('Hinton KD', defaults.hinton?.weight ?? 0, { temperature: number({ above: 0, default: HINTON_KD_DEFAULTS.temperature }) }, 'soft-target KL to the teacher logits'),
    rkd: term('RKD', defaults.rkd?.weight ?? 0, {
      distanceWeight: number({ min: 0, default: RKD_DEFAULTS.distanceWeight }),
      angleWeight: number({ min: 0, default: RKD_DEFAULTS.angleWeight }),
    }, 'relational KD (distance and angle) on the teacher embeddings'),
    triplet: term('triplet KD', defaults.triplet?.weight ?? 0, {
      margin: number({ min: 0, default: TRIPLET_KD_DEFAULTS.margin }),
      normalize: boolean({ default: TRIPLET_KD_DEFAULTS.normalize }),
    }, 'triplet KD with the teacher embedding as anchor'),
  }, {
    check: (terms, fail) => {
      if (terms.crossEntropy === 0 && terms.hinton.weight === 0 && terms.rkd.weight === 0 && terms.triplet.weight === 0) {
        fail('crossEntropy', 'every loss weight is 0 (set crossEntropy, hinton.weight, rkd.weight or triplet.weight)');
      }
    },
  });
}
export type KdConfig = Infer<ReturnType<typeof kdConfig>>;

export const kdNeeds = (config: KdConfig): MethodNeeds => ({
  views: 1,
  labels: config.crossEntropy > 0,
  teacherLogits: config.hinton.weight > 0,
  teacherEmbeddings: config.rkd.weight > 0 || config.triplet.weight > 0,
});

interface KdTerms {
  crossEntropy: number;
  hinton?: { weight: number; temperature: number };
  rkd?: { weight: number; distanceWeight: number; angleWeight: number };
  triplet?: { weight: number; margin: number; normalize: boolean };
}

/**
 * Supervised training with optional knowledge distillation terms, weighted and summed, on views[0]:
 *   crossEntropy * CE(logits, labels)
 * + hinton.weight  * KL(softmax(teacherLogits / T) || softmax(logits / T)) * T^2   (Hinton KD)
 * + rkd.weight     * (distanceWeight * RKD-D + angleWeight * RKD-A)(embedding, teacherEmbedding)
 * + triplet.weight * tripletKd(embedding', teacherEmbedding)
 * where logits = classifier(embedding), embedding = the backbone output and embedding' the same
 * projected (linear) to teacherDim when the widths differ. Classic HKD is crossEntropy = 1 - alpha,
 * hinton.weight = alpha.
 * Config: the common fields (backbone, optimizer, schedule, seed), numClasses, teacherDim (needed by
 *         rkd / triplet) and kdConfig's.
 */
export class Kd extends GradientMethod {
  private constructor(
    setup: MethodSetup,
    private readonly backbone: tf.LayersModel,
    private readonly classifier: tf.LayersModel,
    private readonly tripletProjection: tf.LayersModel | undefined,
    private readonly terms: KdTerms,
  ) {
    super(setup);
  }

  /** `schema` is kdConfig with a preset's default weights (HKD, RKD, triplet KD). */
  static create(config: unknown, path = 'kd', schema = kdConfig()): Kd {
    const reader = new ConfigReader(path, config);
    const common = readCommonConfig(reader);
    const numClasses = reader.positiveInteger('numClasses');
    const teacherDim = reader.has('teacherDim') ? reader.positiveInteger('teacherDim') : undefined;
    const settings = reader.schema(schema);
    const terms = termsOf(settings);
    reader.finish();
    if ((terms.rkd || terms.triplet) && teacherDim === undefined) {
      throw new ConfigError(reader.name('teacherDim'), `is required by the ${terms.rkd ? 'rkd' : 'triplet'} term`);
    }

    const { model: backbone, embedDim } = buildBackbone(common.backbone);
    const classifier = linearClassifier({ inDim: embedDim, numClasses, name: 'classifier', seed: common.seed });
    const tripletProjection =
      terms.triplet && embedDim !== teacherDim
        ? buildProjection({ outDim: teacherDim!, layers: 1 }, embedDim, 'tripletProjection', common.seed + 1)
        : undefined;
    const needs = batchNeeds(kdNeeds(settings), { teacherDim, classes: numClasses });
    return new Kd(
      {
        name: path,
        encoder: backbone,
        trainable: { backbone, classifier, ...(tripletProjection && { tripletProjection }) },
        optimizer: common.optimizer,
        schedule: common.schedule,
        needs,
      },
      backbone,
      classifier,
      tripletProjection,
      terms,
    );
  }

  protected lossTerms(batch: MethodBatch): LossTerms {
    const { crossEntropy, hinton, rkd, triplet } = this.terms;
    const embedding = this.backbone.apply(batch.views[0]!, { training: true }) as tf.Tensor;
    const logits = this.classifier.apply(embedding, { training: true }) as tf.Tensor;
    const teacherEmbedding = batch.teacherEmbeddings?.[0];
    const parts: Record<string, tf.Scalar> = {};
    if (crossEntropy > 0) {
      const targets = tf.oneHot(batch.labels as tf.Tensor1D, logits.shape[1]!);
      parts.crossEntropy = tf.mul(tf.losses.softmaxCrossEntropy(targets, logits), crossEntropy);
    }
    if (hinton) {
      parts.hinton = tf.mul(hintonKdLoss(logits, batch.teacherLogits![0]!, undefined, { temperature: hinton.temperature }), hinton.weight);
    }
    if (rkd) {
      const options = { distanceWeight: rkd.distanceWeight, angleWeight: rkd.angleWeight };
      parts.rkd = tf.mul(rkdLoss(embedding, teacherEmbedding!, options), rkd.weight);
    }
    if (triplet) {
      const projected = this.tripletProjection ? (this.tripletProjection.apply(embedding, { training: true }) as tf.Tensor) : embedding;
      const options = { margin: triplet.margin, normalize: triplet.normalize };
      parts.triplet = tf.mul(allPairsTripletKd(projected, teacherEmbedding!, options), triplet.weight);
    }
    return { total: tf.addN(Object.values(parts)) as tf.Scalar, parts };
  }
}

/** The terms with a weight above 0. */
function termsOf(config: KdConfig): KdTerms {
  const on = <T extends { weight: number }>(term: T) => (term.weight > 0 ? term : undefined);
  return { crossEntropy: config.crossEntropy, hinton: on(config.hinton), rkd: on(config.rkd), triplet: on(config.triplet) };
}

/**
 * tripletKdLoss(student, teacher) over its default pairs (every ordered anchor != negative of the
 * batch), computed densely: mean over a != n of max(0, margin + ||t_a - s_a||^2 - ||t_a - s_n||^2).
 * Same value, but no tf.gather from the [N * N] distances: the backward pass of that gather
 * (unsortedSegmentSum over N^2 segments) takes tfjs's cpu and native backends over a minute a
 * step at N = 128; this one is a few milliseconds. The teacher is a batch input (no gradient).
 */
export function allPairsTripletKd(student: tf.Tensor, teacher: tf.Tensor, options: { margin: number; normalize: boolean }): tf.Scalar {
  return tf.tidy(() => {
    const n = student.shape[0]!;
    if (n < 2) throw new Error(`triplet KD needs at least 2 samples a batch (the negatives are the other samples), got ${n}`);
    const s = options.normalize ? l2Normalize(student) : student;
    const t = options.normalize ? l2Normalize(teacher) : teacher;
    // distances[a, j] = ||t_a - s_j||^2; positives[a] = ||t_a - s_a||^2 (the diagonal, directly).
    const distances = tf.sub(tf.add(tf.sum(tf.square(t), -1, true), tf.reshape(tf.sum(tf.square(s), -1), [1, -1])), tf.mul(2, tf.matMul(t, s, false, true)));
    const positives = tf.sum(tf.square(tf.sub(t, s)), -1, true);
    const hinge = tf.relu(tf.sub(tf.add(positives, options.margin), distances));
    const offDiagonal = tf.sub(1, tf.eye(n));
    return tf.div(tf.sum(tf.mul(hinge, offDiagonal)), n * (n - 1)) as tf.Scalar;
  });
}
