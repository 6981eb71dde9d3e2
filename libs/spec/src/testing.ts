// Tiny pipelines for tests of the pipeline and of the apps that run it (`@ssl-distill/spec/testing`).
/** Small enough for two shared cores: 128 train images, 64 test, tiny ResNets, one epoch. */
export const TINY_YAML = `
name: tiny
seed: 3
datasets:
  train: { source: synthetic, count: 128, classes: 4, seed: 1 }
  test: { source: synthetic, count: 64, classes: 4, seed: 2 }
plans:
  aug: { kind: replay, epochs: 1, views: 2, preset: simclr }
teachers:
  big: { model: { kind: resnet, inputShape: [28, 28, 1], widths: [4, 8], blocksPerStage: 1, stem: small }, method: simclr, dataset: train, plan: aug, epochs: 1, batchSize: 32, methodConfig: { projector: { outDim: 16 } } }
students:
  small: { model: { kind: resnet, inputShape: [28, 28, 1], widths: [4, 8], blocksPerStage: 1, stem: small }, method: seed, teacher: big, dataset: train, plan: aug, epochs: 1, batchSize: 32, methodConfig: { queueSize: 64 } }
evaluate: { train: train, test: test, linear: { epochs: 2 } }
`;

/** The same with a second student under another seed: it reuses the first one's teacher features. */
export const TWO_STUDENTS_YAML = TINY_YAML.replace('\nevaluate:', '\n  second: { like: small, seed: 9 }\nevaluate:');
