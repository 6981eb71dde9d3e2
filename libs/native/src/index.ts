export { registerNativeBackend, type NativeBackendOptions, type RegisterResult } from './register.js';
export { NATIVE_BACKEND_NAME } from './kernels/native_kernel.js';
export { NativeBackend } from './backend.js';
