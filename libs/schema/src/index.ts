// Declarative config schemas shared by the libs that own a config (methods, models, pipeline):
// validation with field paths and "did you mean", and JSON Schema from the same definition.
export { ConfigError, closest, unknownName } from './config-error.js';
export * from './schema.js';
