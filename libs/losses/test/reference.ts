// Plain double-precision JS arithmetic for hand-computed expected values. Deliberately independent
// of the tf implementation: no tensors, no shared helpers from src/.

export type Vector = number[];
export type Matrix = number[][];

export const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);
export const mean = (values: number[]): number => sum(values) / values.length;
export const dot = (a: Vector, b: Vector): number => sum(a.map((value, i) => value * b[i]!));
export const subtract = (a: Vector, b: Vector): Vector => a.map((value, i) => value - b[i]!);
export const norm = (a: Vector): number => Math.sqrt(dot(a, a));
export const unit = (a: Vector): Vector => a.map((value) => value / norm(a));
export const squaredDistance = (a: Vector, b: Vector): number => dot(subtract(a, b), subtract(a, b));
export const cosine = (a: Vector, b: Vector): number => dot(a, b) / (norm(a) * norm(b));

export function logSumExp(values: number[]): number {
  const largest = Math.max(...values);
  return largest + Math.log(sum(values.map((value) => Math.exp(value - largest))));
}
export const logSoftmax = (values: number[]): number[] => values.map((value) => value - logSumExp(values));
export const softmax = (values: number[]): number[] => logSoftmax(values).map(Math.exp);
export const logSigmoid = (x: number): number => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));
export const huber = (x: number): number => (Math.abs(x) < 1 ? 0.5 * x * x : Math.abs(x) - 0.5);

/** KL(softmax(p / T) || softmax(q / T)) for one row of logits. */
export function softenedKl(targetLogits: number[], logits: number[], temperature: number): number {
  const target = logSoftmax(targetLogits.map((v) => v / temperature));
  const student = logSoftmax(logits.map((v) => v / temperature));
  return sum(target.map((logP, j) => Math.exp(logP) * (logP - student[j]!)));
}

/** -log softmax(logits)[label] */
export const crossEntropy = (logits: number[], label: number): number => -logSoftmax(logits)[label]!;
