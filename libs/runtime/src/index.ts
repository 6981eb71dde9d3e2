// Backend selection for every process of ssl-distill. The rest of the code base imports
// `@tensorflow/tfjs` directly; this module only decides (once) which backend runs it.
export { initBackend, backendPreference, type BackendName, type BackendOptions } from './backend.js';
