// Backend selection for every process of ssl-distill. The rest of the code base imports
// `@tensorflow/tfjs` directly; this module only decides (once) which backend runs it, and gives
// the wasm backend the kernels that training needs.
export {
  BACKEND_ORDER,
  activeBackend,
  backendPreference,
  initBackend,
  parseBackendName,
  type BackendLoadResult,
  type BackendLoader,
  type BackendName,
  type BackendOptions,
  type BackendRequest,
} from './backend.js';
export { registerWasmTrainingKernels } from './wasm/register.js';
export { yieldToEventLoop } from './event-loop.js';
export { installLeanBackprop, uninstallLeanBackprop, LEAN_BACKPROP_TFJS_VERSION } from './lean-backprop.js';
export { installLeanLayers, uninstallLeanLayers, LEAN_LAYERS_TFJS_VERSION } from './lean-layers.js';
