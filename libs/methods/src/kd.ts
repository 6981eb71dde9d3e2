import * as tf from '@tensorflow/tfjs';
import { HINTON_KD_DEFAULTS, hintonKdLoss, l2Normalize, RKD_DEFAULTS, rkdLoss, TRIPLET_KD_DEFAULTS } from '@ssl-distill/losses';
import { buildBackbone, linearClassifier } from '@ssl-distill/models';
import { buildProjection, readCommonConfig } from './common.js';
import { ConfigReader, withDefaults } from './config.js';
import { GradientMethod, type LossTerms, type MethodSetup } from './gradient-method.js';
import type { BatchNeeds, MethodBatch } from './method.js';

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
 * Config: { backbone, numClasses, teacherDim? (needed by rkd / triplet), crossEntropy = 1,
 *           hinton?: { weight = 0, temperature = 4 }, rkd?: { weight = 0, distanceWeight = 25, angleWeight = 50 },
 *           triplet?: { weight = 0, margin = 1, normalize = true }, optimizer?, schedule?, seed? }.
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

  /** `defaults` (merged under `config`) let the registry offer presets such as HKD or RKD. */
  static create(config: unknown, path = 'kd', defaults: Record<string, unknown> = {}): Kd {
    const reader = new ConfigReader(path, withDefaults(config, defaults));
    const common = readCommonConfig(reader);
    const numClasses = reader.positiveInteger('numClasses');
    const teacherDim = reader.has('teacherDim') ? reader.positiveInteger('teacherDim') : undefined;
    const terms = readTerms(reader);
    reader.finish();
    if ((terms.rkd || terms.triplet) && teacherDim === undefined) {
      throw new Error(`${reader.name('teacherDim')} is required by the ${terms.rkd ? 'rkd' : 'triplet'} term`);
    }

    const { model: backbone, embedDim } = buildBackbone(common.backbone);
    const classifier = linearClassifier({ inDim: embedDim, numClasses, name: 'classifier', seed: common.seed });
    const tripletProjection =
      terms.triplet && embedDim !== teacherDim
        ? buildProjection({ outDim: teacherDim!, layers: 1 }, embedDim, 'tripletProjection', common.seed + 1)
        : undefined;
    const needs: BatchNeeds = {
      views: 1,
      labels: terms.crossEntropy > 0,
      ...(terms.hinton && { teacherClasses: numClasses }),
      ...((terms.rkd || terms.triplet) && { teacherDim: teacherDim! }),
    };
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

/** Reads the term weights; a term with weight 0 is left out. At least one term must be on. */
function readTerms(reader: ConfigReader): KdTerms {
  const crossEntropy = reader.number('crossEntropy', 1, { min: 0 });
  const section = <T>(key: string, read: (section: ConfigReader) => T): (T & { weight: number }) | undefined => {
    const sectionReader = reader.object(key);
    const weight = sectionReader.number('weight', 0, { min: 0 });
    const settings = read(sectionReader);
    sectionReader.finish();
    return weight > 0 ? { weight, ...settings } : undefined;
  };
  const terms: KdTerms = {
    crossEntropy,
    hinton: section('hinton', (r) => ({ temperature: r.number('temperature', HINTON_KD_DEFAULTS.temperature, { above: 0 }) })),
    rkd: section('rkd', (r) => ({
      distanceWeight: r.number('distanceWeight', RKD_DEFAULTS.distanceWeight, { min: 0 }),
      angleWeight: r.number('angleWeight', RKD_DEFAULTS.angleWeight, { min: 0 }),
    })),
    triplet: section('triplet', (r) => ({
      margin: r.number('margin', TRIPLET_KD_DEFAULTS.margin, { min: 0 }),
      normalize: r.boolean('normalize', TRIPLET_KD_DEFAULTS.normalize),
    })),
  };
  if (crossEntropy === 0 && !terms.hinton && !terms.rkd && !terms.triplet) {
    throw new Error(`${reader.path}: every loss weight is 0 (set crossEntropy, hinton.weight, rkd.weight or triplet.weight)`);
  }
  return terms;
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
