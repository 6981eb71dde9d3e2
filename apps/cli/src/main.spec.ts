import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeRunReport } from '@ssl-distill/report';
import { makeRunReport } from '@ssl-distill/report/testing';
import { openStore } from '@ssl-distill/service';
import { TWO_STUDENTS_YAML } from '@ssl-distill/spec/testing';
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
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const distill = (...args: string[]) => buildProgram().exitOverride().parseAsync(['node', 'distill', ...args]);

describe('distill run --only', () => {
  interface ResultLine { type: string; rows: Array<{ name: string; runId: string }>; extracts: Array<{ student: string; cached: boolean; teacherImages: number }> }
  const writeTwoStudents = async () => {
    const file = join(dir, 'two.yaml');
    await writeFile(file, TWO_STUDENTS_YAML);
    return file;
  };
  const resultOf = (output: string): ResultLine => output.trim().split('\n').map((line) => JSON.parse(line) as ResultLine).find((line) => line.type === 'result')!;

  it('runs the named student and its teacher; a whole-file run after it reuses their results', async () => {
    const file = await writeTwoStudents();
    const store = join(dir, 'store');
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    vi.stubEnv('NATS_URL', ''); // CI exports one for the service tests; this run must stay in process
    interface PlanLine { jobs: Array<{ key: string; id: string | null; done: boolean; needs: string[] }> }
    const plan = async (): Promise<PlanLine['jobs']> => {
      printed = '';
      await distill('plan', file, '--store', store, '--json');
      return (JSON.parse(printed) as PlanLine).jobs;
    };
    const byKey = (jobs: PlanLine['jobs']) => Object.fromEntries(jobs.map((job) => [job.key, job]));

    // An empty store: every job to run; ids past the imports wait for the dataset and teacher ids.
    const before = byKey(await plan());
    expect(Object.keys(before)).toEqual(['import train', 'import test', 'pretrain big', 'eval big', 'extract big/aug/train', 'train small', 'eval small', 'train second', 'eval second']);
    expect(Object.values(before).filter((job) => job.done)).toEqual([]);
    expect(before['import train']!.id).toMatch(/^[0-9a-f]{16}$/);
    expect(before['train second']).toMatchObject({ id: null, needs: ['import train', 'extract big/aug/train', 'import test'] });

    printed = '';
    await distill('run', file, '--only', 'second', '--store', store, '--json');
    const only = resultOf(printed);
    // After the --only run the plan names the ids that run used, and knows they are in the store.
    const after = byKey(await plan());
    expect(after['train second']).toMatchObject({ id: only.rows[1]!.runId, done: true });
    expect(after['pretrain big']).toMatchObject({ id: only.rows[0]!.runId, done: true });
    expect(after['train small']!.done).toBe(false);
    expect(after['train small']!.id).toMatch(/^[0-9a-f]{16}$/);
    expect(only.rows.map((row) => row.name)).toEqual(['big', 'second']);
    expect(only.extracts).toMatchObject([{ student: 'second', cached: false }]);

    printed = '';
    await distill('run', file, '--store', store, '--json');
    const whole = resultOf(printed);
    expect(whole.rows.map((row) => row.name)).toEqual(['big', 'small', 'second']);
    expect(whole.rows.find((row) => row.name === 'second')!.runId).toBe(only.rows[1]!.runId);
    // The teacher and its features came from the --only run: no teacher forward pass for either student.
    expect(whole.extracts.map((e) => [e.student, e.cached, e.teacherImages])).toEqual([['small', true, 0], ['second', true, 0]]);
    const done = await plan();
    expect(done.every((job) => job.done)).toBe(true);
    expect(done.find((job) => job.key === 'train small')!.id).toBe(after['train small']!.id);
  });

  it('rejects a typo inside methodConfig before anything runs, naming the file and field', async () => {
    const file = join(dir, 'typo.yaml');
    await writeFile(file, TWO_STUDENTS_YAML.replace('methodConfig: { queueSize: 64 }', 'methodConfig: { queueSise: 64 }'));
    const store = join(dir, 'store');
    for (const args of [['run', file, '--store', store], ['plan', file, '--store', store], ['run', file, '--dry-run', '--store', store]]) {
      await expect(distill(...args)).rejects.toThrow(`${file}: students.small.methodConfig.queueSise: unknown field (did you mean queueSize?`);
    }
    expect(await openStore({ kind: 'file', root: store }).list('')).toEqual([]);
  });

  it('--concurrency is for a run in this process: refused with --nats, before connecting', async () => {
    const file = await writeTwoStudents();
    await expect(distill('run', file, '--nats', 'nats://127.0.0.1:1', '--concurrency', '2')).rejects.toThrow('--concurrency applies to a run in this process; on services each worker takes one job at a time: start more workers');
  });

  it('names a run the file does not have', async () => {
    const file = await writeTwoStudents();
    await expect(distill('run', file, '--only', 'small,nope', '--store', join(dir, 'store'))).rejects.toThrow("--only: no teacher or student 'nope' in tiny (have: big, small, second)");
  });
});

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

describe('distill --version and failures', () => {
  it('--version names the release, tfjs and node', async () => {
    await expect(distill('--version')).rejects.toMatchObject({ code: 'commander.version' });
    expect(printed).toMatch(/^distill \d+\.\d+\.\d+ \(ssl-distill; tfjs 4\.22\.0, node v\d+/);
  });

  it('with --json a failure is also a JSON line on stdout (kind, message, file, field); exit code 1', async () => {
    const file = join(dir, 'typo.yaml');
    await writeFile(file, TWO_STUDENTS_YAML.replace('batchSize: 32, methodConfig: { queueSize: 64 }', 'batchSize: 32, methodConfig: { queueSize: 64 }, epochz: 2'));
    const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
    const cli = spawnSync(process.execPath, ['--conditions=@ssl-distill/source', '--import', 'tsx', 'apps/cli/src/main.ts', 'run', file, '--store', join(dir, 'store'), '--json'], {
      cwd: root, encoding: 'utf8', env: { ...process.env, NATS_URL: '' }, timeout: 60_000,
    });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('distill: ');
    expect(JSON.parse(cli.stdout.trim().split('\n').at(-1)!)).toEqual({
      type: 'error', kind: 'config', file, field: 'students.small.epochz',
      message: expect.stringContaining(`${file}: students.small.epochz: unknown field`),
    });
  }, 60_000);
});
