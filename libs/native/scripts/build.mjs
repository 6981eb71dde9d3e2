// Builds the native addon at install time (root "postinstall"). Never fails the install: when the
// addon cannot be built (no compiler, no oneDNN: Debian's libdnnl-dev) it prints one line with the reason and exits 0,
// and @ssl-distill/native then reports "native addon not built" so the wasm backend is used.
//
// SSL_DISTILL_NATIVE=asan builds an AddressSanitizer variant instead, into build-asan/ (the
// regular build stays): the loader picks it under the same variable, and node must then run with
// LD_PRELOAD=$(g++ -print-file-name=libasan.so) (tools/test.sh runs the native specs so).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp, // set by npm for lifecycle scripts
    join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
  ];
  return candidates.find((candidate) => candidate && existsSync(candidate));
}

// Headers come from the local Node install (npm's "nodedir", or the prefix of this node binary)
// so that the build needs no network access.
function findNodeDir() {
  const configured = process.env.npm_config_nodedir;
  if (configured && existsSync(join(configured, 'include/node/node_api.h'))) return configured;
  const prefix = join(dirname(process.execPath), '..');
  return existsSync(join(prefix, 'include/node/node_api.h')) ? prefix : undefined;
}

const ASAN_FLAGS = ['-fsanitize=address', '-fno-omit-frame-pointer', '-g'];

/**
 * The directory holding binding.gyp for node-gyp: the package itself, or for the ASan variant a
 * build-asan/ whose binding.gyp is the package's with the sanitizer flags and paths one level up.
 */
function projectDir(asan) {
  if (!asan) return packageDir;
  const dir = join(packageDir, 'build-asan');
  mkdirSync(dir, { recursive: true });
  const binding = JSON.parse(readFileSync(join(packageDir, 'binding.gyp'), 'utf8'));
  for (const target of binding.targets) {
    target.sources = target.sources.map((source) => `../${source}`);
    target.cflags_cc = [...target.cflags_cc, ...ASAN_FLAGS];
    target.libraries = [...target.libraries, '-fsanitize=address'];
  }
  writeFileSync(join(dir, 'binding.gyp'), `${JSON.stringify(binding, null, 2)}\n`);
  return dir;
}

function build(asan) {
  if (process.env.SSL_DISTILL_NATIVE === 'off') return 'skipped (SSL_DISTILL_NATIVE=off)';
  const nodeGyp = findNodeGyp();
  if (!nodeGyp) return 'node-gyp not found (it ships with npm)';
  const nodeDir = findNodeDir();
  const args = [nodeGyp, 'rebuild', ...(nodeDir ? [`--nodedir=${nodeDir}`] : [])];
  const result = spawnSync(process.execPath, args, { cwd: projectDir(asan), encoding: 'utf8' });
  if (result.error) return `node-gyp could not run: ${result.error.message}`;
  if (result.status !== 0) {
    // The compiler's or linker's first complaint says most (a missing header or library).
    const lines = `${result.stdout}\n${result.stderr}`.split('\n');
    const firstError =
      lines.find((line) => /(fatal )?error:|cannot find -l|undefined reference/.test(line)) ??
      lines.find((line) => /gyp ERR!/.test(line) && !/gyp ERR! (stack|System|command|cwd|node -v|node-gyp -v|not ok)/.test(line));
    return `node-gyp failed: ${(firstError ?? `exit code ${result.status}`).trim()}`;
  }
  return undefined;
}

const asan = process.env.SSL_DISTILL_NATIVE === 'asan';
const failure = build(asan);
console.log(
  failure
    ? `@ssl-distill/native: ${asan ? 'AddressSanitizer ' : ''}addon not built, the wasm backend will be used (${failure})`
    : `@ssl-distill/native: ${asan ? 'AddressSanitizer addon built in build-asan/' : 'addon built (native tfjs backend available)'}`,
);
if (asan && failure) process.exitCode = 1; // asked for on purpose (CI): a failure must show
