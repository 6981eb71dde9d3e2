// Students out of the lab: tfjs layers models to ONNX (written as protobuf here, no converter needed).
export { tfjsToOnnx, UnsupportedLayerError, LAYOUT_KEY, INPUT_SHAPE_KEY, type OnnxExportOptions } from './tfjs-to-onnx.js';
export { decodeModel, type ModelJson } from './onnx-proto.js';
export { OPSET } from './onnx-graph.js';
export { nhwcToNchw } from './layout.js';
export { modelCardMarkdown, type ModelCard, type OnnxCheck, type Preprocessing } from './model-card.js';
export { buildKnnIndex, l2NormalizeRows, KNN_INDEX_FILE, KNN_EMBEDDINGS_FILE, KNN_IMAGES_FILE, type KnnIndexFiles, type KnnIndexHeader } from './knn-index.js';
