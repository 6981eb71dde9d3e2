// The ingest CLI end to end, in child processes as an operator or a Kubernetes pod runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDistillBus, type DistillBus } from '@ssl-distill/bus';
import { spawnNatsServer, type TestNats } from '@ssl-distill/bus/testing';
import { openStore } from '@ssl-distill/service';
import type { DatasetSource } from '@ssl-distill/spec';
import { BusViewSource, importDataset, LocalViewSource, loadDataset, readDatasetSource, readManifest } from '@ssl-distill/data-access';
import { resultKey } from '@ssl-distill/orchestration';
import { sha256Hex } from '@ssl-distill/store';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const main = join(root, 'apps/ingest/src/main.ts');

function startIngest(args: string[]): { child: ChildProcess; output: { stdout: string; stderr: string }; exited: Promise<number | null> } {
  const env = { ...process.env };
  for (const name of ['NATS_URL', 'NATS_USER', 'NATS_PASSWORD', 'S3_ENDPOINT']) delete env[name];
  const child = spawn(process.execPath, ['--conditions=@ssl-distill/source', '--import', 'tsx', main, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output, exited };
}

async function runIngest(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { output, exited } = startIngest(args);
  return { code: await exited, ...output };
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

const synthetic: DatasetSource = { source: 'synthetic', count: 40, height: 9, width: 7, channels: 1, classes: 5, seed: 3 };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ingest-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ingest import', () => {
  it('imports, prints the dataset id and exits 0', async () => {
    const store = join(dir, 'store');
    const flags = ['--source', 'synthetic', '--count', '40', '--height', '9', '--width', '7', '--classes', '5', '--seed', '3', '--shard-size', '16', '--store', store];
    const first = await runIngest(['import', ...flags]);
    expect(first.stderr).toContain('imported: 40 images 9x7x1');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^[0-9a-f]{16}\n$/);
    const datasetId = first.stdout.trim();
    expect(await loadDataset(openStore(store), datasetId)).toEqual(readDatasetSource(synthetic));

    const again = await runIngest(['import', ...flags, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ datasetId, written: false, count: 40, shape: [9, 7, 1], shards: 3 });
  });

  it('exits non-zero naming the missing file', async () => {
    const missing = join(dir, 'no-such-dir');
    const { code, stderr } = await runIngest(['import', '--source', 'idx', '--path', missing, '--split', 'test', '--store', join(dir, 'unused')]);
    expect(code).not.toBe(0);
    expect(stderr).toContain(join(missing, 't10k-images-idx3-ubyte'));
  });
});

describe('ingest import of a folder with bad files', () => {
  it('exits non-zero naming the bad file; with --skip-bad imports the rest and lists what it skipped', async () => {
    const folder = join(dir, 'with-bad');
    await mkdir(join(folder, 'a'), { recursive: true });
    await writeFile(join(folder, 'a', 'good.png'), await sharp(randomBytes(8 * 8 * 3), { raw: { width: 8, height: 8, channels: 3 } }).png().toBuffer());
    await writeFile(join(folder, 'a', 'empty.jpg'), '');
    const flags = ['import', '--source', 'folder', '--path', folder, '--store', join(dir, 'bad-store')];
    const failed = await runIngest(flags);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`${join(folder, 'a', 'empty.jpg')}: empty file (0 bytes); pass skipBad (--skip-bad) to import the other files`);
    const skipped = await runIngest([...flags, '--skip-bad']);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toContain(`skipped 1 bad files:\n  ${join(folder, 'a', 'empty.jpg')}: empty file (0 bytes)`);
    expect(skipped.stderr).toContain('imported: 1 images 8x8x3');
  });
});

describe('ingest import of a folder, killed -9 half-way', () => {
  it('continues from the shards it wrote: each shard once, each verifies, the same dataset as an uninterrupted import', async () => {
    const folder = join(dir, 'photos');
    const count = 400;
    const perShard = 4;
    for (let i = 0; i < count; i++) {
      const label = i % 3;
      await mkdir(join(folder, `class-${label}`), { recursive: true });
      await writeFile(join(folder, `class-${label}`, `${i}.jpg`), await sharp(randomBytes(48 * 48 * 3), { raw: { width: 48, height: 48, channels: 3 } }).jpeg().toBuffer());
    }
    const storeDir = join(dir, 'killed-store');
    const flags = ['--source', 'folder', '--path', folder, '--size', '32', '--shard-size', String(perShard)];
    const shardFiles = async () => {
      const datasets = await readdir(join(storeDir, 'datasets')).catch(() => [] as string[]);
      const files = await Promise.all(datasets.map(async (id) => (await readdir(join(storeDir, 'datasets', id))).map((name) => join(storeDir, 'datasets', id, name))));
      return files.flat().filter((file) => /shard-\d+\.pb$/.test(file));
    };
    const victim = startIngest(['import', ...flags, '--store', storeDir]);
    while ((await shardFiles()).length < 5) await new Promise((done) => setTimeout(done, 5));
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBe(null);
    const atKill = await shardFiles();
    const written = new Map(await Promise.all(atKill.map(async (file) => [file, (await stat(file)).mtimeMs] as const)));
    expect(atKill.length).toBeLessThan(count / perShard);

    const rerun = await runIngest(['import', ...flags, '--store', storeDir, '--json']);
    expect(rerun.code).toBe(0);
    const { datasetId, count: imported, shards } = JSON.parse(rerun.stdout) as { datasetId: string; count: number; shards: number };
    expect([imported, shards]).toEqual([count, count / perShard]);
    // The shards from before the kill were kept, not rewritten.
    for (const [file, mtime] of written) expect((await stat(file)).mtimeMs, file).toBe(mtime);

    const store = openStore(storeDir);
    const manifest = await readManifest(store, datasetId);
    const keys = manifest.shards.map((shard) => shard.key!);
    expect(new Set(keys).size).toBe(count / perShard);
    expect((await shardFiles()).length).toBe(count / perShard);
    for (const ref of manifest.shards) expect(sha256Hex(await store.get(ref.key!))).toBe(ref.sha256);
    expect(manifest.shards.reduce((sum, shard) => sum + (shard.count ?? 0), 0)).toBe(count);

    const straightDir = join(dir, 'straight-store');
    const straight = await importDataset({ source: 'folder', path: folder, size: 32 }, openStore(straightDir), { shardSize: perShard });
    expect(straight.datasetId).toBe(datasetId);
    expect(await loadDataset(store, datasetId)).toEqual(await loadDataset(openStore(straightDir), datasetId));
    console.log(`[kill] folder import killed -9 with ${atKill.length} of ${count / perShard} shards stored; the rerun kept them and wrote the rest; every shard once and verified`);
  }, 120_000);
});

describe('ingest worker', () => {
  let nats: TestNats;
  let bus: DistillBus | undefined;
  let worker: ReturnType<typeof startIngest> | undefined;
  beforeAll(async () => {
    // A private server: the worker uses the default subjects and durable, which must not meet other tests'.
    nats = await spawnNatsServer();
  });
  afterEach(async () => {
    await bus?.close();
    worker?.child.kill('SIGKILL');
  });
  afterAll(() => nats?.stop());

  it('terminates a malformed job, imports a good one, serves views and stops cleanly on SIGTERM', async () => {
    const storeDir = join(dir, 'worker-store');
    worker = startIngest(['worker', '--nats', nats.url, '--store', storeDir, '--health-port', '0']);
    const output = worker.output;
    await until('the worker to start', () => (output.stderr.includes('serving view batches') ? true : undefined));

    bus = await openDistillBus({ url: nats.url, name: 'ingest-spec', logger: { info: () => {}, warn: () => {}, error: () => {} } });
    await bus.bus.enqueue(bus.subjects.job('import'), new Uint8Array([0xde, 0xad]));
    await bus.submitJob('import', { jobId: 'import-1', format: 'synthetic', configJson: JSON.stringify({ count: 40, height: 9, width: 7, classes: 5, seed: 3 }), shardSize: 16 });
    const store = openStore(storeDir);
    // Like every stage, the import's result lands in the store (jobs/{jobId}/result.json).
    const result = await until('the import job', async () => ((await store.exists(resultKey('import-1'))) ? store.getVerified(resultKey('import-1')) : undefined));
    const done = (JSON.parse(new TextDecoder().decode(result)) as { datasetId: string }).datasetId;
    expect(done).toMatch(/^[0-9a-f]{16}$/);
    expect(output.stderr).toMatch(/dead letter.*malformed distill\.v1\.ImportJob/);

    const plan = { kind: 'replay', epochs: 2, seed: 5, views: 2, preset: 'simclr' } as const;
    const remote = await new BusViewSource(bus).render(done, plan, [39, 0, 12], 1, 1);
    const local = await new LocalViewSource(store).render(done, plan, [39, 0, 12], 1, 1);
    expect(new Uint8Array(remote.data.buffer, remote.data.byteOffset, remote.data.byteLength)).toEqual(new Uint8Array(local.data.buffer, local.data.byteOffset, local.data.byteLength));

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(output.stderr).toContain('service stopped');
  });
});
