export * from './env.js';
export * from './progress.js';
export * from './service.js';
