/** Counts per (true class, predicted class), row-major: `counts[truth * numClasses + predicted]`. */
export interface ConfusionMatrix {
  numClasses: number;
  counts: Int32Array;
}

export function confusionMatrix(labels: Int32Array, predictions: Int32Array, numClasses: number): ConfusionMatrix {
  if (labels.length !== predictions.length) {
    throw new Error(`predictions.length (${predictions.length}) differs from labels.length (${labels.length})`);
  }
  const counts = new Int32Array(numClasses * numClasses);
  for (let i = 0; i < labels.length; i++) {
    const truth = labels[i]!;
    const predicted = predictions[i]!;
    if (truth < 0 || truth >= numClasses) throw new Error(`labels[${i}] = ${truth} is outside [0, ${numClasses})`);
    if (predicted < 0 || predicted >= numClasses) {
      throw new Error(`predictions[${i}] = ${predicted} is outside [0, ${numClasses})`);
    }
    counts[truth * numClasses + predicted]! += 1;
  }
  return { numClasses, counts };
}

export interface RankedScores {
  top1: number;
  top5: number;
  predictions: Int32Array;
}

/**
 * Turns per-class scores (row-major `[labels.length, numClasses]`) into predictions (argmax, the
 * lower class on ties) and top-1/top-5 accuracy.
 */
export function rankScores(scores: ArrayLike<number>, numClasses: number, labels: Int32Array): RankedScores {
  const predictions = new Int32Array(labels.length);
  const hits = rankRowsInto(scores, numClasses, labels, predictions);
  return { top1: hits.top1 / labels.length, top5: hits.top5 / labels.length, predictions };
}

/**
 * rankScores over one batch: writes the batch's predictions into `predictions` and returns hit
 * counts, so callers can accumulate over batches. The true class's rank counts the classes that
 * beat it under the prediction's own order, so top-1 hits are exactly the correct predictions.
 */
export function rankRowsInto(
  scores: ArrayLike<number>,
  numClasses: number,
  labels: Int32Array,
  predictions: Int32Array,
): { top1: number; top5: number } {
  let top1 = 0;
  let top5 = 0;
  for (let row = 0; row < labels.length; row++) {
    const offset = row * numClasses;
    const truth = labels[row]!;
    const truthScore = scores[offset + truth]!;
    let best = 0;
    let rank = 0;
    for (let c = 0; c < numClasses; c++) {
      const score = scores[offset + c]!;
      if (score > scores[offset + best]!) best = c;
      if (score > truthScore || (score === truthScore && c < truth)) rank++;
    }
    predictions[row] = best;
    if (rank === 0) top1++;
    if (rank < 5) top5++;
  }
  return { top1, top5 };
}
