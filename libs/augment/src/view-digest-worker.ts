// Worker-thread entry used by the cross-thread determinism test: renders the requested views in
// a fresh isolate (own module graph, own JIT) and reports their sha256.
import { parentPort, workerData } from 'node:worker_threads';
import { viewDigest, type ViewDigestRequest } from './view-digest.js';

parentPort?.postMessage(viewDigest(workerData as ViewDigestRequest));
