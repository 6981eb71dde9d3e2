#!/usr/bin/env node
// distill: runs a whole pipeline file — in this process (embedded default: in-memory bus, local
// store), or submitted to running services with --nats/--s3 — and compares run reports.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { compareReports, parseRunReport, renderReportHtml, type RunReport } from '@ssl-distill/report';
import { addServiceOptions, jsonRenderer, openStore, resolveServiceConfig, resolveStoreConfig, ServiceConfigError, startService, terminalRenderer, type ServiceFlags } from '@ssl-distill/service';
import { ConfigError, pipelineJsonSchema, readPipelineFile, selectRuns } from '@ssl-distill/spec';
import { exitWithFailure, versionText } from '@ssl-distill/stages';
import { addTeacherRuntimeOptions, formatPlan, formatResult, planPipeline, runPipelineHere, teacherRuntimeOf, type TeacherRuntimeFlags } from '@ssl-distill/orchestration';
import { addDemoCommand } from './demo-command.js';
import { addExportCommand } from './export-command.js';

interface RunFlags extends ServiceFlags, TeacherRuntimeFlags {
  backend?: string;
  json?: boolean;
  only?: string;
  concurrency?: number;
  waitForWorkers?: boolean;
  jobTimeout?: number;
  dryRun?: boolean;
}

function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a positive integer');
  return Number(value);
}

type PlanFlags = Pick<RunFlags, 's3' | 'store' | 'json' | 'only'>;

function readSpec(file: string, only: string | undefined) {
  const whole = readPipelineFile(file);
  return only === undefined ? whole : selectRuns(whole, only.split(',').map((name) => name.trim()));
}

/** Validates the file and prints its job graph (ids, dependencies, what the store holds); runs nothing. */
async function planAction(file: string, flags: PlanFlags): Promise<void> {
  const spec = readSpec(file, flags.only);
  const jobs = await planPipeline(spec, openStore(resolveStoreConfig(flags)));
  process.stdout.write(flags.json ? `${JSON.stringify({ type: 'plan', name: spec.name, jobs })}\n` : `${formatPlan(spec.name, jobs)}\n`);
}

async function runAction(file: string, flags: RunFlags): Promise<void> {
  if (flags.dryRun) return planAction(file, flags);
  const spec = readSpec(file, flags.only);
  const teacherRuntime = teacherRuntimeOf(flags);
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const progress = flags.json ? jsonRenderer(process.stdout) : terminalRenderer(process.stderr);
  // Checked before the services' config is read, so this mistake is named before any other.
  if ((flags.nats ?? process.env['NATS_URL']) && flags.concurrency !== undefined) throw new ServiceConfigError('--concurrency applies to a run in this process; on services each worker takes one job at a time: start more workers');
  const config = resolveServiceConfig({ ...flags, healthPort: '0' });
  const remote = config.bus.url !== 'memory' ? await startService('distill-cli', config) : undefined;
  try {
    const store = remote?.store ?? openStore(config.store);
    const watch = { log, waitForWorkers: flags.waitForWorkers, jobTimeoutMs: flags.jobTimeout === undefined ? undefined : flags.jobTimeout * 60_000 };
    const result = await runPipelineHere(spec, { store, backend: flags.backend, progress, log, bus: remote?.bus, concurrency: flags.concurrency, watch, teacherRuntime });
    if (flags.json) process.stdout.write(`${JSON.stringify({ type: 'result', ...result })}\n`);
    else process.stdout.write(`${formatResult(result)}\n`);
  } finally {
    await remote?.stop('done');
  }
}

type ObjectStore = ReturnType<typeof openStore>;

interface CompareFlags extends Pick<ServiceFlags, 's3' | 'store'> {
  json?: boolean;
  html?: string;
}

/** A report.json file, or a run id whose runs/{runId}/report.json is in the store. */
async function readReport(target: string, store: () => ObjectStore, where: string): Promise<RunReport> {
  if (existsSync(target)) return parseRunReport(readFileSync(target, 'utf8'), target);
  const key = `runs/${target}/report.json`;
  if (!/^[\w.-]+$/.test(target) || !(await store().exists(key))) throw new ConfigError('(report)', `neither a report file nor a run id with a report in ${where}`, target);
  return parseRunReport(new TextDecoder().decode(await store().getVerified(key)), key);
}

async function compareAction(targets: string[], flags: CompareFlags): Promise<void> {
  const storeConfig = resolveStoreConfig(flags);
  let opened: ObjectStore | undefined;
  const store = () => (opened ??= openStore(storeConfig));
  const where = storeConfig.kind === 's3' ? `s3 bucket ${storeConfig.bucket}` : `store ${storeConfig.root}`;
  const reports: RunReport[] = [];
  for (const target of targets) reports.push(await readReport(target, store, where));
  const comparison = compareReports(reports);
  if (flags.html) writeFileSync(flags.html, renderReportHtml(reports, { title: 'ssl-distill comparison' }));
  process.stdout.write(flags.json ? `${JSON.stringify(comparison.rows)}\n` : `${comparison.table}\n`);
}

export function buildProgram(): Command {
  const program = new Command('distill').description('Self-supervised distillation pipelines (SEED, KASSL, KD) on tfjs')
    .version(versionText('distill'), '--version', 'print the version');
  const run = program.command('run <pipeline.yaml>')
    .description('run every stage of a pipeline file: here over an in-memory bus, or on services with --nats/--s3')
    .option('--backend <name>', 'tfjs backend: auto | tensorflow-gpu | tensorflow | native | wasm | cpu (default: env SSL_DISTILL_BACKEND, else auto)')
    .option('--json', 'print progress events and the result as JSON lines')
    .option('--only <runs>', 'run only these teachers and students (comma-separated) and the teachers they learn from; results are shared with whole-file runs')
    .option('--concurrency <n>', 'in this process: jobs of a kind run at once, e.g. students trained side by side (default 1)', positiveInteger)
    .option('--wait-for-workers', 'on services: keep waiting when no worker of a job\'s kind is running or ready (default: stop after 30 s, naming the problem)')
    .option('--job-timeout <minutes>', 'on services: a job still running this long after a worker took it fails (default 1440)', positiveInteger)
    .option('--dry-run', 'validate the file and print its job graph (as `distill plan`); run nothing');
  addTeacherRuntimeOptions(run);
  addServiceOptions(run, { health: false });
  run.action(runAction);
  const plan = program.command('plan <pipeline.yaml>')
    .description('validate a pipeline file and print its job graph: each job, its id, what it needs, and whether its result is in the store; runs nothing')
    .option('--json', 'print the graph as one JSON line')
    .option('--only <runs>', 'plan only these teachers and students (as run --only)');
  addServiceOptions(plan, { bus: false, health: false });
  plan.action(planAction);
  const compare = program.command('compare <run...>')
    .description('print runs side by side: run ids (their runs/{runId}/report.json in the store) or report.json files')
    .option('--json', 'print rows as JSON')
    .option('--html <file>', 'also write a side-by-side HTML page (curves, probe tables, confusion matrices, neighbours)');
  addServiceOptions(compare, { bus: false, health: false });
  compare.action(compareAction);
  program.command('schema')
    .description('print the JSON Schema of pipeline files (docs/pipeline.schema.json), for editor completion and checks')
    .action(() => {
      process.stdout.write(`${JSON.stringify(pipelineJsonSchema(), null, 2)}\n`);
    });
  addExportCommand(program);
  addDemoCommand(program);
  return program;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildProgram().parseAsync(process.argv).catch((error: unknown) => exitWithFailure('distill', error));
}
