// Run by src/wasm/init.spec.ts in its own process (wasm threads are fixed per process):
// prints the thread count XNNPACK got and the convolution probe, and must exit by itself.
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { initBackend } from '../src/backend.js';
import { convolutionProbe } from '../src/test-support.js';

await initBackend({ backend: 'wasm', threads: Number(process.argv[2]), log: () => {} });
process.stdout.write(JSON.stringify({ threads: getThreadsCount(), probe: convolutionProbe() }));
