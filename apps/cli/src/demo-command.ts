// `distill demo`: exports the run as a tfjs model with a k-NN index, then serves the demo page on it.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { startDemoServer, type DemoServer } from '@ssl-distill/demo';
import { addServiceOptions, openStore, resolveStoreConfig, type ServiceFlags } from '@ssl-distill/service';
import { ConfigError } from '@ssl-distill/spec';
import { exportRun } from '@ssl-distill/stages';
import { parseKnnIndexFlag } from './export-command.js';

export interface DemoFlags extends Pick<ServiceFlags, 's3' | 'store'> {
  port: string;
  host: string;
  knnIndex: string;
  out?: string;
  backend?: string;
}

/** Returns the running server (the CLI leaves it running until the process is stopped). */
export async function demoAction(target: string, flags: DemoFlags): Promise<DemoServer> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('--port', 'must be a port number (0 picks a free one)', flags.port);
  const outDir = flags.out ?? (await mkdtemp(join(tmpdir(), 'distill-demo-')));
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const result = await exportRun(openStore(resolveStoreConfig(flags)), {
    target, format: 'tfjs', outDir, knnIndex: parseKnnIndexFlag(flags.knnIndex), backend: flags.backend, log,
  });
  const server = await startDemoServer({ modelDir: outDir, port, host: flags.host });
  process.stdout.write(`demo of ${result.card.name} (run ${result.runId}, files in ${outDir}): ${server.url}\n`);
  return server;
}

export function addDemoCommand(program: Command): void {
  const command = program.command('demo <run>')
    .description('serve a web page that runs the student in the browser (tfjs wasm) and classifies dropped images by k-NN')
    .option('--port <port>', 'port to listen on (0: any free one)', '8085')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--knn-index <n>', 'training images in the k-NN index', '2000')
    .option('--out <dir>', 'where to write the exported model (default: a temporary directory)')
    .option('--backend <name>', 'tfjs backend for the export (default: env SSL_DISTILL_BACKEND, else auto)');
  addServiceOptions(command, { bus: false, health: false });
  command.action(async (target: string, flags: DemoFlags) => {
    await demoAction(target, flags);
  });
}
