export * from './validate.js';
export * from './schema.js';
export { datasetSchema } from './pipeline-schema.js';
export * from './ids.js';
export * from './job-ids.js';
export * from './imported-teacher-schema.js';
