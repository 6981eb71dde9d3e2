// `npm run bench -- [options]`: tfjs throughput per backend and thread count, optionally next to PyTorch.
// Prints a table on stdout (or the report as JSON with --json); progress goes to stderr.
import { CommanderError } from 'commander';
import { parseBenchArgs, type BenchSettings } from './options.js';
import { runBench } from './run.js';
import { formatTable } from './table.js';

let settings: BenchSettings;
try {
  settings = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  // --help and --version end here too, with exit code 0 and nothing more to say.
  if (error.exitCode !== 0) console.error(`bench: ${error.message.replace(/^error: /, '')}`);
  process.exit(error.exitCode);
}
const report = await runBench(settings, (line) => console.error(line));
console.log(settings.json ? JSON.stringify(report, null, 2) : formatTable(report));
