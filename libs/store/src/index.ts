export { CorruptObjectError, InvalidKeyError, NotFoundError } from './errors.js';
export { sha256Hex, type ObjectBody, type ObjectInfo, type ObjectStore, type PutOptions } from './store.js';
export { FileSystemStore } from './fs-store.js';
export { S3Store, type S3StoreConfig } from './s3-store.js';
export { openStore, parseStoreUrl, s3Endpoint, storeConfigFromEnv, type StoreConfig } from './config.js';
export {
  checkKey,
  checkpointFileKey,
  checkpointKey,
  checkpointPrefix,
  datasetManifestKey,
  datasetShardKey,
  featureManifestKey,
  featurePrefix,
  featureShardKey,
  reportHtmlKey,
  reportJsonKey,
  runPrefix,
  teacherModelKey,
  teacherWeightsKey,
  type FeatureCacheId,
} from './keys.js';
