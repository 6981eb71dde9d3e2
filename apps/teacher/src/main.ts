#!/usr/bin/env node
// teacher: a worker that pretrains teachers (SimCLR, MoCo-v2, BYOL, supervised) and extracts their features into the cache. Wiring only; the logic is in @ssl-distill/stages (the stage) and @ssl-distill/orchestration (the worker).
import { Command } from 'commander';
import { exitWithFailure, versionText } from '@ssl-distill/stages';
import { addStageJobOptions, addWorkerOptions, runStageJob, runWorkerService, type StageJobFlags, type WorkerFlags } from '@ssl-distill/orchestration';

const program = new Command('teacher').version(versionText('teacher'), '--version', 'print the version');
const worker = addWorkerOptions(program.command('worker').description('consume pretrain, extract jobs from NATS until SIGTERM'));
worker.action((flags: WorkerFlags) => runWorkerService('teacher', flags));
const stage = addStageJobOptions(program.command('extract <pipeline.yaml>').description("cache the teacher features of a pipeline here (pretraining its teachers first if needed); with --shard-count, this worker's share"), { sharded: true });
stage.action(async (file: string, flags: StageJobFlags) => {
  await runStageJob('teacher', 'extract', file, flags);
});

program.parseAsync(process.argv).catch((error: unknown) => exitWithFailure('teacher', error));
