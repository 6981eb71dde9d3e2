#!/usr/bin/env node
// distill: a worker that trains students from cached teacher features (SEED, KASSL, KD, ...). Wiring only; the logic is in @ssl-distill/stages (the stage) and @ssl-distill/orchestration (the worker).
import { Command } from 'commander';
import { exitWithFailure, versionText } from '@ssl-distill/stages';
import { addStageJobOptions, addWorkerOptions, runStageJob, runWorkerService, type StageJobFlags, type WorkerFlags } from '@ssl-distill/orchestration';

const program = new Command('distill').version(versionText('distill'), '--version', 'print the version');
const worker = addWorkerOptions(program.command('worker').description('consume train jobs from NATS until SIGTERM'));
worker.action((flags: WorkerFlags) => runWorkerService('distill', flags));
const stage = addStageJobOptions(program.command('train <pipeline.yaml>').description("train a pipeline's students here (earlier stages reused from the store, run here if missing)"));
stage.action(async (file: string, flags: StageJobFlags) => {
  await runStageJob('distill', 'train', file, flags);
});

program.parseAsync(process.argv).catch((error: unknown) => exitWithFailure('distill', error));
