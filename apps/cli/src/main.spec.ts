import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serializeRunReport } from '@ssl-distill/report';
import { makeRunReport } from '@ssl-distill/report/testing';
import { openStore } from '@ssl-distill/pipeline';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from './main.js';

let dir: string;
let printed: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-compare-'));
  printed = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const distill = (...args: string[]) => buildProgram().exitOverride().parseAsync(['node', 'distill', ...args]);

describe('distill compare', () => {
  it('reads runs by id from the store and by report.json file, side by side; --html writes the page', async () => {
    const store = openStore({ kind: 'file', root: join(dir, 'store') });
    const stored = makeRunReport({ runId: 'a1b2c3d4e5f60718', name: 'seed', probes: { knn: { top1: 0.8812, top5: 0.99, k: 200, temperature: 0.07 } } });
    await store.putVerified('runs/a1b2c3d4e5f60718/report.json', new TextEncoder().encode(serializeRunReport(stored)));
    const file = join(dir, 'ssl-only.json');
    await writeFile(file, serializeRunReport(makeRunReport({ runId: 'ffff000011112222', name: 'ssl-only', probes: { knn: { top1: 0.8034, top5: 0.98, k: 200, temperature: 0.07 } } })));
    const html = join(dir, 'compare.html');

    await distill('compare', 'a1b2c3d4e5f60718', file, '--store', join(dir, 'store'), '--json', '--html', html);
    const rows = JSON.parse(printed) as Array<{ name: string; knnTop1: number | null }>;
    expect(rows.map((r) => [r.name, r.knnTop1])).toEqual([['seed', 0.8812], ['ssl-only', 0.8034]]);
    const page = await readFile(html, 'utf8');
    expect(page).toContain('seed');
    expect(page).toContain('ssl-only');
  });

  it('names a target that is neither a file nor a stored run', async () => {
    await expect(distill('compare', 'no-such-run', '--store', join(dir, 'empty'))).rejects.toThrow(/no-such-run.*neither a report file nor a run id/);
  });
});
