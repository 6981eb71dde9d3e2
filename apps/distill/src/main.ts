#!/usr/bin/env node
// distill: a worker that trains students from cached teacher features (SEED, KASSL, KD, ...). Wiring only; the logic is in @ssl-distill/pipeline.
import { Command } from 'commander';
import { addWorkerOptions, runWorkerService, type WorkerFlags } from '@ssl-distill/pipeline';

const program = new Command('distill');
const worker = addWorkerOptions(program.command('worker').description('consume train jobs from NATS until SIGTERM'));
worker.action((flags: WorkerFlags) => runWorkerService('distill', ['train'], flags));

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`distill: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
