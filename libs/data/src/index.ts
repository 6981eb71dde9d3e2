export {
  assertDataset,
  DatasetFileError,
  imageAt,
  numberedClassNames,
  subset,
  type Dataset,
} from './dataset.js';
export { readMaybeGzipped } from './files.js';
export {
  encodeIdx,
  FASHION_MNIST_CLASSES,
  FASHION_MNIST_DIR,
  loadIdxDataset,
  MNIST_CLASSES,
  parseIdx,
  writeIdxDataset,
  type IdxArray,
  type IdxLoadOptions,
  type Split,
} from './idx.js';
export { CIFAR10_CLASSES, loadCifar10, loadCifar100, type Cifar100LoadOptions, type CifarLoadOptions } from './cifar.js';
export { loadImageFolder, type ImageFolderOptions } from './image-folder.js';
export { syntheticDataset, type SyntheticOptions } from './synthetic.js';
export { datasetStream, type ImageBatch, type ImageStream, type SkippedFile } from './image-stream.js';
export { decodeImage, openImageFolder, type FolderStream, type FolderStreamOptions } from './folder-stream.js';
