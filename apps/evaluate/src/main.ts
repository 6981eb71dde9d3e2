#!/usr/bin/env node
// evaluate: a worker that k-NN and linear probes on frozen features; writes report.json and report.html. Wiring only; the logic is in @ssl-distill/stages (the stage) and @ssl-distill/orchestration (the worker).
import { Command } from 'commander';
import { exitWithFailure, versionText } from '@ssl-distill/stages';
import { addStageJobOptions, addWorkerOptions, runStageJob, runWorkerService, type StageJobFlags, type WorkerFlags } from '@ssl-distill/orchestration';

const program = new Command('evaluate').version(versionText('evaluate'), '--version', 'print the version');
const worker = addWorkerOptions(program.command('worker').description('consume eval jobs from NATS until SIGTERM'));
worker.action((flags: WorkerFlags) => runWorkerService('evaluate', flags));
const stage = addStageJobOptions(program.command('eval <pipeline.yaml>').description("evaluate every run of a pipeline here and write its reports (earlier stages reused from the store, run here if missing)"));
stage.action(async (file: string, flags: StageJobFlags) => {
  await runStageJob('evaluate', 'eval', file, flags);
});

program.parseAsync(process.argv).catch((error: unknown) => exitWithFailure('evaluate', error));
