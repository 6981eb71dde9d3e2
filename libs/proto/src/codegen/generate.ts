import { mkdir, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface ProtobufCli {
  main(args: string[], callback: (error: Error | null, output?: string) => void): void;
}

const require = createRequire(import.meta.url);
const { pbjs, pbts } = require('protobufjs-cli') as { pbjs: ProtobufCli; pbts: ProtobufCli };

const here = fileURLToPath(new URL('.', import.meta.url));
export const WORKSPACE_ROOT = resolve(here, '../../../..');
export const PROTO_ROOT = join(WORKSPACE_ROOT, 'proto');
export const GENERATED_DIR = resolve(here, '../generated');
const ESM_WRAPPER = join(here, 'esm-wrapper.js');

function runCli(cli: ProtobufCli, args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    cli.main(args, (error) => (error ? reject(error) : resolvePromise()));
  });
}

async function listProtoFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.proto'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort(); // a stable order keeps the generated code byte-identical across machines
}

/**
 * Generates the protobufjs static module (distill.js) and its declarations (distill.d.ts)
 * from every .proto file under `protoRoot` into `outDir`.
 */
export async function generateStaticCode(outDir = GENERATED_DIR, protoRoot = PROTO_ROOT): Promise<void> {
  const protoFiles = await listProtoFiles(protoRoot);
  if (protoFiles.length === 0) throw new Error(`no .proto files under ${protoRoot}`);
  await mkdir(outDir, { recursive: true });
  const jsFile = join(outDir, 'distill.js');
  const dtsFile = join(outDir, 'distill.d.ts');
  await runCli(pbjs, [
    '--target', 'static-module',
    '--wrap', ESM_WRAPPER,
    '--es6',
    '--dependency', 'protobufjs/minimal.js',
    '--no-service',
    '--no-delimited',
    '--no-typeurl',
    '--path', protoRoot,
    '--out', jsFile,
    // Absolute like the include path, or pbjs loads a file both imported and listed twice.
    ...protoFiles,
  ]);
  await runCli(pbts, ['--no-comments', '--out', dtsFile, jsFile]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await generateStaticCode();
}
