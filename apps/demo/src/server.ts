// A tiny static server for the demo page: the page itself, the exported model and k-NN index under
// /model/, and tfjs's browser bundles from node_modules under /vendor/ (nothing from the internet).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const STATIC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../static');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.bin': 'application/octet-stream',
  '.md': 'text/markdown; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The dist/ folder of an installed package (its browser bundles live there). */
function distOf(packageName: string): string {
  const require = createRequire(import.meta.url);
  // The packages' "main" files sit in dist/ (their package.json is not exported).
  return dirname(require.resolve(packageName));
}

export interface DemoServerOptions {
  /** An export directory: model.json + weights.bin + knn-index.json and its .bin files. */
  modelDir: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
}

export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const roots: Array<[prefix: string, dir: string]> = [
    ['/model/', resolve(options.modelDir)],
    ['/vendor/tfjs/', distOf('@tensorflow/tfjs')],
    ['/vendor/tfjs-backend-wasm/', distOf('@tensorflow/tfjs-backend-wasm')],
    ['/', STATIC_DIR],
  ];
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const [prefix, root] = roots.find(([p]) => path.startsWith(p))!;
    const relative = path.slice(prefix.length) || 'index.html';
    const file = normalize(join(root, relative));
    // No escaping the served folders with '..'.
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    stat(file).then(
      (info) => {
        if (!info.isFile()) throw new Error('not a file');
        response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': info.size, 'cache-control': 'no-store' });
        createReadStream(file).pipe(response);
      },
    ).catch(() => response.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}\n`));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolvePromise);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    close: () => new Promise<void>((resolvePromise) => {
      server.closeAllConnections();
      server.close(() => resolvePromise());
    }),
  };
}
