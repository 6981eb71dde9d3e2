#!/usr/bin/env node
// distill: a worker that trains students from cached teacher features (SEED, KASSL, KD, ...). Wiring only; the logic is in @ssl-distill/pipeline.
import { Command } from 'commander';
import { addServiceOptions, runWorkerService, type WorkerFlags } from '@ssl-distill/pipeline';

const program = new Command('distill');
const worker = program.command('worker')
  .description('consume train jobs from NATS until SIGTERM')
  .option('--backend <name>', 'tfjs backend (default: env SSL_DISTILL_BACKEND, else auto)')
  .option('--views <where>', "views rendered here ('local') or by ingest workers ('bus')", 'local');
addServiceOptions(worker);
worker.action((flags: WorkerFlags) => runWorkerService('distill', ['train'], flags));

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`distill: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
