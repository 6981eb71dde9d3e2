export * from './env.js';
export * from './validate.js';
export * from './schema.js';
export * from './progress.js';
