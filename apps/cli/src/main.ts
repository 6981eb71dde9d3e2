#!/usr/bin/env node
// distill: runs a whole pipeline file — in this process (embedded default: in-memory bus, local
// store), or submitted to running services with --nats/--s3 — and compares run reports.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { compareReports, parseRunReport, renderReportHtml } from '@ssl-distill/report';
import {
  addServiceOptions, formatResult, jsonRenderer, openStore, readPipelineFile, resolveServiceConfig, runPipelineHere,
  startService, terminalRenderer, type ServiceFlags,
} from '@ssl-distill/pipeline';

interface RunFlags extends ServiceFlags {
  backend?: string;
  json?: boolean;
}

async function runAction(file: string, flags: RunFlags): Promise<void> {
  const spec = readPipelineFile(file);
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const progress = flags.json ? jsonRenderer(process.stdout) : terminalRenderer(process.stderr);
  const config = resolveServiceConfig({ ...flags, healthPort: '0' });
  const remote = config.bus.url !== 'memory' ? await startService('distill-cli', config) : undefined;
  try {
    const store = remote?.store ?? openStore(config.store);
    const result = await runPipelineHere(spec, { store, backend: flags.backend, progress, log, bus: remote?.bus });
    if (flags.json) process.stdout.write(`${JSON.stringify({ type: 'result', ...result })}\n`);
    else process.stdout.write(`${formatResult(result)}\n`);
  } finally {
    await remote?.stop('done');
  }
}

function compareAction(files: string[], flags: { json?: boolean; html?: string }): void {
  const reports = files.map((file) => parseRunReport(readFileSync(file, 'utf8'), file));
  const comparison = compareReports(reports);
  if (flags.html) {
    import('node:fs').then((fs) => fs.writeFileSync(flags.html!, renderReportHtml(reports, { title: 'ssl-distill comparison' })));
  }
  process.stdout.write(flags.json ? `${JSON.stringify(comparison.rows)}\n` : `${comparison.table}\n`);
}

export function buildProgram(): Command {
  const program = new Command('distill').description('Self-supervised distillation pipelines (SEED, KASSL, KD) on tfjs');
  const run = program.command('run <pipeline.yaml>')
    .description('run every stage of a pipeline file: here over an in-memory bus, or on services with --nats/--s3')
    .option('--backend <name>', 'tfjs backend: auto | tensorflow-gpu | tensorflow | native | wasm | cpu (default: env SSL_DISTILL_BACKEND, else auto)')
    .option('--json', 'print progress events and the result as JSON lines');
  addServiceOptions(run, { health: false });
  run.action(runAction);
  program.command('compare <report.json...>')
    .description('print runs side by side (report.json files from runs/{runId}/)')
    .option('--json', 'print rows as JSON')
    .option('--html <file>', 'also write a side-by-side HTML page')
    .action(compareAction);
  return program;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildProgram().parseAsync(process.argv).catch((error: unknown) => {
    process.stderr.write(`distill: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
