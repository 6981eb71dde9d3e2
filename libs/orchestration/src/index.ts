export * from './outputs.js';
export * from './jobs.js';
export * from './job-tracker.js';
export * from './worker-presence.js';
export * from './plan.js';
export * from './workers.js';
export * from './summary.js';
