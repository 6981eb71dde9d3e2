// A pipeline file with only datasets runs the import jobs alone (moved from the datasets spec: it runs the whole pipeline).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDataset } from '@ssl-distill/data-access';
import { readPipeline, type DatasetSource } from '@ssl-distill/spec';
import { FileSystemStore } from '@ssl-distill/store';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatResult } from '../src/summary.js';
import { runPipelineHere } from '../src/workers.js';

const source: DatasetSource = { source: 'synthetic', count: 70, height: 8, width: 6, channels: 3, classes: 4, seed: 9 };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-only-spec-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a pipeline file with only datasets', () => {
  it('imports each of them and reports their ids; a bad file fails the run, naming it', async () => {
    const store = new FileSystemStore(join(dir, 'only-datasets'));
    const path = join(dir, 'only-datasets-folder');
    await mkdir(join(path, 'a'), { recursive: true });
    await writeFile(join(path, 'a', 'x.png'), await sharp(Buffer.alloc(4 * 4 * 3, 90), { raw: { width: 4, height: 4, channels: 3 } }).png().toBuffer());
    await writeFile(join(path, 'a', 'bad.png'), '');
    const spec = (skipBad: boolean) => readPipeline({ name: 'import-only', datasets: { synth: source, photos: { source: 'folder', path, skipBad } } });
    const run = (skipBad: boolean) => runPipelineHere(spec(skipBad), { store, progress: () => {}, log: () => {} });
    await expect(run(false)).rejects.toThrow(`${join(path, 'a', 'bad.png')}: empty file`);
    const result = await run(true);
    const synthId = (await importDataset(source, store)).datasetId;
    expect(result.imports).toEqual([
      { name: 'synth', datasetId: synthId, count: 70, skipped: [] },
      { name: 'photos', datasetId: expect.stringMatching(/^[0-9a-f]{16}$/), count: 1, skipped: [{ file: join(path, 'a', 'bad.png'), reason: 'empty file (0 bytes)' }] },
    ]);
    expect(formatResult(result)).toContain(`dataset photos: ${result.imports![1]!.datasetId}, 1 images, 1 bad files skipped:\n  ${join(path, 'a', 'bad.png')}: empty file (0 bytes)`);
  });
});
