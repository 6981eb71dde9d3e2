import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CHILD_ENTRY = fileURLToPath(new URL('./child.ts', import.meta.url));
export const TORCH_SCRIPT = 'tools/torch/bench.py';
