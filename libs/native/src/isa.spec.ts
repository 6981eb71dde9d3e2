import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { nativeDisabled } from './testing/compare.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repositoryRoot = join(packageDir, '../..');
const vitestCli = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

/**
 * The specs that compare oneDNN primitives with the cpu backend, and the (fast) gradient spec,
 * whose element-wise kernels and reductions then run under glibc's malloc perturbation too.
 */
const KERNEL_GRIDS = ['conv.spec.ts', 'matmul.spec.ts', 'pool.spec.ts', 'gradients.spec.ts'].map((file) => join('libs/native/src', file));

/**
 * oneDNN JIT-compiles each primitive for the best ISA of the CPU, and its bugs are per ISA (the
 * 1x1 filter gradient corrupted the heap on AVX2 and AVX-512, never on SSE4.1): every ISA it
 * dispatches to on this machine, capped with DNNL_MAX_CPU_ISA.
 */
function isasOfThisMachine(): string[] {
  const flags = new Set(readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m)?.[1].trim().split(/\s+/) ?? []);
  return [
    { isa: 'SSE41', needs: ['sse4_1'] },
    { isa: 'AVX2', needs: ['avx2'] },
    { isa: 'AVX512_CORE', needs: ['avx512f', 'avx512bw', 'avx512vl', 'avx512dq'] },
  ].filter(({ needs }) => needs.every((flag) => flags.has(flag))).map(({ isa }) => isa);
}

/** Runs the kernel grids in a child vitest under `isa`; a crash or a failed comparison shows in its output. */
function runGridsUnder(isa: string): Promise<{ code: number | null; signal: string | null; output: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
  // glibc fills freed and fresh blocks with a pattern, so a heap overflow fails sooner and louder.
  Object.assign(env, { DNNL_MAX_CPU_ISA: isa, GLIBC_TUNABLES: 'glibc.malloc.perturb=165', NO_COLOR: '1' });
  delete env.FORCE_COLOR;
  const child = spawn(process.execPath, [vitestCli, 'run', '--project', 'native', ...KERNEL_GRIDS], { cwd: repositoryRoot, env });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, output })));
}

describe.skipIf(nativeDisabled || process.platform !== 'linux')('native kernel grids under every ISA oneDNN dispatches to', () => {
  it('this machine has at least SSE4.1', () => {
    expect(isasOfThisMachine()).toContain('SSE41');
  });

  it.each(isasOfThisMachine())('DNNL_MAX_CPU_ISA=%s', async (isa) => {
    const { code, signal, output } = await runGridsUnder(isa);
    expect({ code, signal }, `kernel grids under ${isa}:\n${output.slice(-4000)}`).toEqual({ code: 0, signal: null });
    expect(output).toMatch(/Tests\s+\S*\s*\d+ passed/);
  });
});
