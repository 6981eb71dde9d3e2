import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend.js';
import { convolutionProbe, maxNormalisedError } from '../test-support.js';

const fixture = fileURLToPath(new URL('../../test/wasm-threads.fixture.ts', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

describe('wasm with worker threads', () => {
  it('runs XNNPACK on two threads, computes what one thread computes, and lets the process exit', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=@ssl-distill/source', '--import', 'tsx', fixture, '2'],
      { cwd: repositoryRoot, timeout: 90_000 },
    );
    const threaded = JSON.parse(stdout) as { threads: number; probe: number[] };
    expect(threaded.threads).toBe(2);
    await initBackend({ backend: 'wasm', log: () => {} });
    const singleThreaded = convolutionProbe();
    expect(threaded.probe).toHaveLength(singleThreaded.length);
    expect(maxNormalisedError(threaded.probe, singleThreaded)).toBeLessThan(1e-5);
    // The worker scripts written for the initialisation are gone.
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith('ssl-distill-wasm-'))).toEqual([]);
  });
});
