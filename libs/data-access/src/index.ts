export * from './datasets.js';
export * from './dataset-reader.js';
export * from './views.js';
export * from './artifacts.js';
export * from './network.js';
export * from './features.js';
export * from './read-intact.js';
