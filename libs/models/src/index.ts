// Backbones (ResNet, MobileNet-style, MBConv: MobileNetV3 / EfficientNet, MLP) built from plain-JSON specs, heads, and tfjs-format save/load.
export {
  buildBackbone,
  resolveBackboneSpec,
  backboneJsonSchema,
  describeBackbone,
  withStageOutputs,
  BACKBONE_KINDS,
  type Backbone,
  type BackboneInfo,
  type BackboneKind,
  type BackboneSpec,
  type ArchitectureSpec,
  type PresetSpec,
  type ResolvedBackboneSpec,
} from './backbone.js';
export type { CommonSpec } from './architecture.js';
export { STEMS, RESIDUAL_BLOCKS, type ResNetSpec, type ResidualBlock, type Stem } from './resnet.js';
export { makeDivisible, type MbConvSpec, type MbConvRow, type MbSqueezeExcite } from './mbconv.js';
export { BLOCK_ACTIVATIONS, type BlockActivation } from './blocks.js';
export { HardSigmoid, HardSwish, hardSigmoid, hardSwish } from './hard-activations.js';
export type { MobileNetSpec, MobileNetStage } from './mobilenet.js';
export { MLP_ACTIVATIONS, type MlpActivation, type MlpSpec } from './mlp.js';
// Every preset builder, PRESETS and PRESET_NAMES: presets.ts exports nothing else.
export * from './presets.js';
export {
  buildHead,
  projectionHead,
  byolPredictor,
  linearClassifier,
  HEAD_KINDS,
  type HeadSpec,
  type ProjectionHeadConfig,
  type PredictorConfig,
  type LinearClassifierConfig,
} from './heads.js';
export { L2Normalize, l2Normalize, type L2NormalizeArgs } from './l2-normalize.js';
export {
  serializeModel,
  deserializeModel,
  saveModelToDir,
  loadModelFromDir,
  MODEL_JSON_FILE,
  WEIGHTS_FILE,
  type SerializedModel,
} from './serialize.js';
export { countParams } from './params.js';
export { ImportedTeacherError } from './imported/errors.js';
export { toTeacherPixels, type TeacherInput, type TeacherLayout, type PixelBatch, type PixelNormalization } from './imported/input.js';
export { ImportedTeacher, poolToVectors, type ImportedTeacherOptions, type TeacherFeatures, type TeacherRuntime, type RawOutput, type Shape } from './imported/teacher.js';
export { EXECUTION_PROVIDERS, OnnxTeacherRuntime, type ExecutionProvider, type OnnxOptions } from './imported/onnx.js';
export { loadTfjsTeacherRuntime, parseTfjsModelJson, tfjsWeightPaths, type TfjsModelFiles } from './imported/tfjs.js';
export { importedModelKind, loadImportedTeacher, type ImportedModelFiles } from './imported/load.js';
