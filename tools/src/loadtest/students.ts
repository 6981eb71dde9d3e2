// Wall time of the students of one teacher on 1..N distill workers:
//   node --conditions=@ssl-distill/source --import tsx tools/src/loadtest/students.ts --workers 1,2 [--students 4] [--count 512] [--epochs 3] [--json]
// For each worker count: a fresh filesystem store, one ingest, teacher and evaluate worker and that
// many distill workers (one thread each) over NATS; the teacher's stages (pretrain, its evaluation,
// extraction) run first (timed apart), then students of other seeds to warm the workers up
// (untimed), then the whole pipeline, whose time is then the students' (train + eval). Uses NATS_URL when set,
// else starts a private nats-server. Exits 1 when the worker counts disagree on any accuracy.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDistillBus } from '@ssl-distill/bus';
import { spawnNatsServer } from '@ssl-distill/bus/testing';
import { openStore } from '@ssl-distill/service';
import { parsePipeline, selectRuns } from '@ssl-distill/spec';
import { runPipeline, type PipelineResult } from '@ssl-distill/orchestration';
import { Command } from 'commander';
import { positiveInteger as positive } from '../cli-args.js';

const options = new Command('loadtest-students')
  .description('students of one teacher on 1..N distill workers over NATS: wall time and accuracies')
  .option('--workers <list>', 'comma-separated distill worker counts', (value) => value.split(',').map(positive), [1, 2])
  .option('--students <n>', 'students of the one teacher (seeds 1..n)', positive, 4)
  .option('--count <n>', 'synthetic training images', positive, 512)
  .option('--epochs <n>', "each student's epochs", positive, 3)
  .option('--json', 'print the rows as JSON')
  .parse()
  .opts<{ workers: number[]; students: number; count: number; epochs: number; json?: boolean }>();

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const log = (line: string) => process.stderr.write(`${line}\n`);

function pipelineYaml(students: number, count: number, epochs: number, firstSeed = 1): string {
  const model = '{ kind: resnet, inputShape: [28, 28, 1], widths: [4, 8], blocksPerStage: 1, stem: small }';
  return `
name: students-loadtest
seed: 3
datasets:
  train: { source: synthetic, count: ${count}, classes: 4, seed: 1 }
  test: { source: synthetic, count: 128, classes: 4, seed: 2 }
plans:
  aug: { kind: replay, epochs: 1, views: 2, preset: simclr }
teachers:
  big: { model: ${model}, method: simclr, dataset: train, plan: aug, epochs: 1, batchSize: 32, methodConfig: { projector: { outDim: 16 } } }
students:
${Array.from({ length: students }, (_, i) => `  s${i + 1}: { model: ${model}, method: seed, teacher: big, dataset: train, plan: aug, epochs: ${epochs}, batchSize: 32, seed: ${firstSeed + i}, methodConfig: { queueSize: 64 } }`).join('\n')}
evaluate: { train: train, test: test, linear: { epochs: 2 } }
`;
}

function startWorker(app: string, args: string[], env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=@ssl-distill/source', '--import', 'tsx', `apps/${app}/src/main.ts`, 'worker', '--health-port', '0', ...args], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`${app} worker did not start within 120 s:\n${output.slice(-3000)}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (/consuming .* jobs on backend|serving view batches and import jobs/.test(output)) {
        clearTimeout(timer);
        ready(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${app} worker exited with ${code} while starting:\n${output.slice(-3000)}`));
    });
  });
}

interface Row {
  workers: number;
  teacherSeconds: number;
  studentsSeconds: number;
  trainSeconds: number[];
  accuracies: Record<string, [number | undefined, number | undefined]>;
}

const nats = process.env['NATS_URL'] ? { url: process.env['NATS_URL'], stop: async () => {} } : await spawnNatsServer();
const spec = parsePipeline(pipelineYaml(options.students, options.count, options.epochs), 'students-loadtest.yaml');
// Students of other seeds (other job ids), one epoch each: untimed, so that every timed job runs in
// a warm worker, as on a cluster whose workers live for many jobs (a fresh process's first train job
// also compiles its code and kernels, and with two workers both do that at once on the two cores).
const warmUp = parsePipeline(pipelineYaml(options.students, options.count, 1, 1001), 'students-warm-up.yaml');
const rows: Row[] = [];
let failed = false;
try {
  for (const workers of options.workers) {
    const storeDir = await mkdtemp(join(tmpdir(), 'loadtest-students-'));
    // The job ids repeat from one worker count to the next, but a fresh store holds no result, so every job runs again.
    const env = { NATS_URL: nats.url };
    const children: ChildProcess[] = [];
    const bus = await openDistillBus({ url: nats.url, name: 'students-loadtest', logger: { info: () => {}, warn: () => {}, error: () => {} } });
    try {
      log(`${workers} distill worker(s): starting workers`);
      const store = ['--store', storeDir];
      children.push(...(await Promise.all([
        startWorker('ingest', store, env), startWorker('teacher', store, env), startWorker('evaluate', store, env),
        ...Array.from({ length: workers }, () => startWorker('distill', [...store, '--threads', '1'], env)),
      ])));
      const watch = { log };
      const storeHere = openStore({ kind: 'file', root: storeDir });
      // The teacher's own stages first (pretrain, its probes, feature extraction), so that the timed
      // part is the students': their train jobs on the distill workers and their evaluations.
      const teacherRun = await runPipeline(selectRuns(spec, ['big']), bus, storeHere, { watch });
      const extract = await runPipeline(spec, bus, storeHere, { until: 'extract', watch });
      const teacher = { seconds: teacherRun.seconds + extract.seconds };
      log(`${workers} distill worker(s): teacher stages ${teacher.seconds.toFixed(1)} s; warming the workers up`);
      await runPipeline(warmUp, bus, storeHere, { watch });
      log(`${workers} distill worker(s): now the students`);
      const result: PipelineResult = await runPipeline(spec, bus, storeHere, { watch });
      const students = result.rows.filter((row) => row.role === 'student');
      rows.push({
        workers, teacherSeconds: teacher.seconds, studentsSeconds: result.seconds, trainSeconds: students.map((row) => row.trainSeconds),
        accuracies: Object.fromEntries(students.map((row) => [row.name, [row.knnTop1, row.linearTop1]])),
      });
    } finally {
      await bus.close();
      children.forEach((child) => child.kill('SIGKILL'));
      await rm(storeDir, { recursive: true, force: true });
    }
  }
  failed = rows.some((row) => JSON.stringify(row.accuracies) !== JSON.stringify(rows[0]!.accuracies));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    const header = 'distill workers  teacher stages s  students s (train + eval)  vs 1 worker  train s per student';
    const lines = rows.map((row) => `${String(row.workers).padStart(15)}  ${row.teacherSeconds.toFixed(1).padStart(16)}  ${row.studentsSeconds.toFixed(1).padStart(24)}  ${(row.studentsSeconds / rows[0]!.studentsSeconds).toFixed(2).padStart(10)}x  ${row.trainSeconds.map((s) => s.toFixed(1)).join(', ')}`);
    process.stdout.write(`${[header, ...lines, failed ? 'ACCURACIES DIFFER between worker counts' : 'accuracies: identical for every worker count'].join('\n')}\n`);
  }
} catch (error) {
  log(`loadtest: ${error instanceof Error ? error.message : String(error)}`);
  failed = true;
} finally {
  await nats.stop();
}
process.exit(failed ? 1 : 0);
