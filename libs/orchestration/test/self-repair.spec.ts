// The store repairs itself: after a finished pipeline, delete (or damage) any one derived object —
// a manifest, a shard, a job result — and the next run rebuilds exactly that object, with the same
// sha256, and rewrites nothing else (beyond the result record of the job that vouched for it).
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSystemStore } from '@ssl-distill/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePipeline } from '@ssl-distill/spec';
import { runPipelineHere } from '../src/workers.js';
import { TINY_YAML } from './helpers.js';

let dir: string;
let store: FileSystemStore;
const spec = parsePipeline(TINY_YAML, 'tiny.yaml');
let logged: string[] = [];

const run = async () => {
  logged = [];
  return runPipelineHere(spec, { store, progress: () => {}, log: (message) => logged.push(message) });
};

interface Snapshot { [key: string]: { sha256: string; mtimeMs: number } }

async function snapshot(): Promise<Snapshot> {
  const entries = await Promise.all((await store.list('')).map(async (key) => {
    const path = join(store.root, ...key.split('/'));
    const [bytes, info] = await Promise.all([readFile(path), stat(path)]);
    return [key, { sha256: createHash('sha256').update(bytes).digest('hex'), mtimeMs: info.mtimeMs }] as const;
  }));
  return Object.fromEntries(entries);
}

/** Keys whose file was written again between two snapshots (same content or not). */
const rewritten = (before: Snapshot, after: Snapshot) => Object.keys(after).filter((key) => after[key]!.mtimeMs !== before[key]?.mtimeMs).sort();
const shas = (shot: Snapshot) => Object.fromEntries(Object.entries(shot).map(([key, { sha256 }]) => [key, sha256]));

let finished: Snapshot;
let keys: string[];
const jobOf = (pattern: RegExp) => keys.find((key) => pattern.test(key))!;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'self-repair-spec-'));
  store = new FileSystemStore(join(dir, 'store'));
  await run();
  finished = await snapshot();
  keys = Object.keys(finished);
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The first job result whose record matches (the job that made the object). */
async function resultWhere(matches: (record: string) => boolean): Promise<string> {
  for (const key of keys.filter((k) => k.endsWith('/result.json'))) {
    if (matches(await readFile(join(store.root, ...key.split('/')), 'utf8'))) return key;
  }
  throw new Error('no such job result');
}
/** Which id in an object's key names the job that made it. */
const idIn = (key: string) => key.split('/')[key.startsWith('features/') ? 3 : 1]!;
const naming = (key: string) => resultWhere((record) => record.includes(idIn(key)));

describe('a finished pipeline, one object removed', () => {
  const cases: Array<[string, () => string, RegExp, (key: string) => Promise<string>]> = [
    ['the feature manifest', () => jobOf(/^features\/.*\/manifest\.pb$/), /feature manifest .* missing: re-extracting/, naming],
    ['one feature shard', () => jobOf(/^features\/.*\/e0\/shard-1\.pb$/), /feature shard .*shard-1\.pb missing: re-extracting/, naming],
    ['one dataset shard', () => jobOf(/^datasets\/.*\/shard-0\.pb$/), /dataset shard .* missing: re-importing/, naming],
    ['the dataset manifest', () => jobOf(/^datasets\/.*\/manifest\.pb$/), /dataset manifest .* missing or corrupt/, naming],
    // Models come back from the run's last checkpoint (bit for bit), not from training again.
    ['the teacher weights', () => jobOf(/^teachers\/.*\/weights\.bin$/), /pretrain job .*weights\.bin missing: running it again/, (key) => resultWhere((record) => record.startsWith(`{"teacherId":"${idIn(key)}","runId"`))],
    ['a student model', () => keys.find((key) => /^runs\/.*\/model\/weights\.bin$/.test(key) && !keys.some((k) => k.startsWith('teachers/') && k.endsWith('weights.bin') && finished[k]!.sha256 === finished[key]!.sha256) && keys.includes(key.replace('model/weights.bin', 'checkpoints/latest.json')))!,
      /train job .*weights\.bin missing: running it again/, (key) => resultWhere((record) => record === JSON.stringify({ runId: idIn(key) }))],
  ];
  it.each(cases)('%s: rebuilt with the same sha256, nothing else rebuilt', async (_what, pick, said, owner) => {
    const key = pick();
    await rm(join(store.root, ...key.split('/')));
    const result = await run();
    // A cache that had to be repaired is not reported as "cached, 0 teacher forward passes".
    if (key.startsWith('features/')) expect(result.extracts.map((e) => e.cached)).toEqual([false]);
    const after = await snapshot();
    expect(shas(after)).toEqual(shas(finished));
    // The object and the record of the job that rebuilt it; every other file untouched.
    expect(rewritten(finished, after)).toEqual([key, await owner(key)].sort());
    expect(logged.join('\n')).toMatch(said);
    finished = after;
  }, 120_000);

  it('each job result in turn (import, pretrain, extract, train, eval): the job runs again and rewrites only its result', async () => {
    const results = keys.filter((key) => key.endsWith('/result.json'));
    expect(results).toHaveLength(7); // 2 imports, pretrain, extract, train, 2 evals
    for (const key of results) {
      await rm(join(store.root, ...key.split('/')));
      await run();
      const after = await snapshot();
      expect(shas(after), key).toEqual(shas(finished));
      expect(rewritten(finished, after), key).toEqual([key]);
      finished = after;
    }
  }, 300_000);

  it("a student's model and its checkpoint both gone: trained again from step 0, to the same weights", async () => {
    const weights = keys.find((key) => /^runs\/.*\/model\/weights\.bin$/.test(key) && keys.includes(key.replace('model/weights.bin', 'checkpoints/step-4/state.bin')) && !keys.some((k) => k.startsWith('teachers/') && finished[k]!.sha256 === finished[key]!.sha256))!;
    const state = weights.replace('model/weights.bin', 'checkpoints/step-4/state.bin');
    for (const key of [weights, state]) await rm(join(store.root, ...key.split('/')));
    await run();
    const after = await snapshot();
    expect(logged.join('\n')).toMatch(/checkpoint .*latest\.json cannot be read \(no object at key .*state\.bin.*\): training from step 0/);
    expect(after[weights]!.sha256).toBe(finished[weights]!.sha256);
    expect(after[state]!.sha256).toBe(finished[state]!.sha256);
    finished = after;
  }, 120_000);

  it('a damaged feature shard (bytes changed, checksum kept) is recomputed, not trusted', async () => {
    const key = jobOf(/^features\/.*\/e0\/shard-0\.pb$/);
    const path = join(store.root, ...key.split('/'));
    const bytes = await readFile(path);
    bytes[bytes.length >> 1]! ^= 0x55;
    await writeFile(path, bytes);
    await run();
    const after = await snapshot();
    expect(shas(after)).toEqual(shas(finished));
    expect(logged.join('\n')).toMatch(/feature shard .*shard-0\.pb corrupt: re-extracting/);
  }, 120_000);
});
