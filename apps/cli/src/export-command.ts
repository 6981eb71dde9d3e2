// `distill export`: wiring only; the export itself is @ssl-distill/stages' exportRun.
import type { Command } from 'commander';
import { addServiceOptions, openStore, resolveStoreConfig, type ServiceFlags } from '@ssl-distill/service';
import { ConfigError, readPipelineFile } from '@ssl-distill/spec';
import { EXPORT_FORMATS, exportRun, type ExportFormat } from '@ssl-distill/stages';

export interface ExportFlags extends Pick<ServiceFlags, 's3' | 'store'> {
  format: string;
  out: string;
  withHead?: boolean;
  knnIndex?: string;
  pipeline?: string;
  check?: boolean;
  backend?: string;
}

export function parseKnnIndexFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new ConfigError('--knn-index', 'must be a positive whole number of training images', value);
  return count;
}

export async function exportAction(target: string, flags: ExportFlags): Promise<void> {
  if (!EXPORT_FORMATS.includes(flags.format as ExportFormat)) throw new ConfigError('--format', `must be one of ${EXPORT_FORMATS.join(', ')}`, flags.format);
  const knnIndex = parseKnnIndexFlag(flags.knnIndex);
  const pipeline = flags.pipeline === undefined ? undefined : { file: flags.pipeline, spec: readPipelineFile(flags.pipeline) };
  const result = await exportRun(openStore(resolveStoreConfig(flags)), {
    target, format: flags.format as ExportFormat, outDir: flags.out, withHead: flags.withHead, knnIndex, pipeline, check: flags.check,
    backend: flags.backend, log: (message) => process.stderr.write(`${message}\n`),
  });
  process.stdout.write(`exported run ${result.runId} (${result.card.name}) to ${flags.out}: ${result.files.join(', ')}\n`);
  const { check } = result.card;
  if (check) {
    const pct = (value: number) => `${(value * 100).toFixed(2)}%`;
    process.stdout.write(`check: ${check.trainImages} train + ${check.testImages} test images, max |onnx - tfjs| ${check.maxAbsDiff.toExponential(2)}; k-NN top-1 tfjs ${pct(check.knnTop1.tfjs)}, onnx ${pct(check.knnTop1.onnx)}\n`);
  }
}

export function addExportCommand(program: Command): void {
  const command = program.command('export <run>')
    .description('write a trained student (run id, or the name of an evaluated run) as ONNX or a tfjs model, with a model card')
    .requiredOption('--format <format>', `onnx | tfjs`)
    .requiredOption('--out <dir>', 'directory to write the model, model-card.json/.md and the k-NN index to')
    .option('--with-head', 'include the projection head (the model then outputs the projection)')
    .option('--knn-index <n>', 'also write a k-NN index of the first n training images (for the demo page)')
    .option('--pipeline <file>', 'the pipeline file the run came from (names the teacher in the model card)')
    .option('--check', 'onnx: run the model in onnxruntime on the run\'s train and test images and compare with tfjs (fails beyond 1e-4 or 0.1 k-NN point)')
    .option('--backend <name>', 'tfjs backend (default: env SSL_DISTILL_BACKEND, else auto)');
  addServiceOptions(command, { bus: false, health: false });
  command.action(exportAction);
}
