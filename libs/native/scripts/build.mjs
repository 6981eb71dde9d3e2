// Builds the native addon at install time (root "postinstall"). Never fails the install: when the
// addon cannot be built (no compiler, no oneDNN: Debian's libdnnl-dev) it prints one line with the reason and exits 0,
// and @ssl-distill/native then reports "native addon not built" so the wasm backend is used.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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

function build() {
  if (process.env.SSL_DISTILL_NATIVE === 'off') return 'skipped (SSL_DISTILL_NATIVE=off)';
  const nodeGyp = findNodeGyp();
  if (!nodeGyp) return 'node-gyp not found (it ships with npm)';
  const nodeDir = findNodeDir();
  const args = [nodeGyp, 'rebuild', ...(nodeDir ? [`--nodedir=${nodeDir}`] : [])];
  const result = spawnSync(process.execPath, args, { cwd: packageDir, encoding: 'utf8' });
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

const failure = build();
console.log(
  failure
    ? `@ssl-distill/native: addon not built, the wasm backend will be used (${failure})`
    : '@ssl-distill/native: addon built (native tfjs backend available)',
);
