// Frozen-feature probes: weighted k-NN (InstDisc / SEED protocol) and a linear (softmax) probe.
export { checkFeatureSet, type FeatureSet } from './features.js';
export { knnProbe, type KnnOptions, type KnnResult, type KnnNeighbours } from './knn.js';
export { linearProbe, featureStatistics, type LinearProbeOptions, type LinearProbeResult } from './linear.js';
export { confusionMatrix, rankScores, type ConfusionMatrix, type RankedScores } from './metrics.js';
