// Shared by the service tests: a tiny pipeline, worker child processes, and polling helpers.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { S3StoreConfig } from '@ssl-distill/store';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

export { TINY_YAML, TWO_STUDENTS_YAML } from '@ssl-distill/spec/testing';

export const APPS = {
  teacher: 'apps/teacher/src/main.ts',
  distill: 'apps/distill/src/main.ts',
  evaluate: 'apps/evaluate/src/main.ts',
  ingest: 'apps/ingest/src/main.ts',
  cli: 'apps/cli/src/main.ts',
} as const;

export function s3Env(config: S3StoreConfig): Record<string, string> {
  return {
    S3_ENDPOINT: `http://${config.endPoint}:${config.port}`,
    S3_ACCESS_KEY: config.accessKey,
    S3_SECRET_KEY: config.secretKey,
    S3_BUCKET: config.bucket,
  };
}

export interface Child {
  name: string;
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves when `pattern` has appeared in its output. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Its exit code; past `timeoutMs` it is killed and this rejects with its output (a hang fails with the reason, not a test timeout). */
  exit(timeoutMs?: number): Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const children = new Set<Child>();

/** Runs `node --conditions=@ssl-distill/source --import tsx <script> ...args` from the repo root. */
export function spawnApp(name: string, script: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--conditions=@ssl-distill/source', '--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    listeners.forEach((l) => l());
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  const handle: Child = {
    name,
    process: child,
    output: () => text,
    exited,
    waitFor: (pattern, timeoutMs = 30_000) => new Promise<void>((resolveWait, reject) => {
      const check = () => {
        if (pattern.test(text)) {
          cleanup();
          resolveWait();
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${name}: ${pattern} not seen within ${timeoutMs} ms; output:\n${text.slice(-3000)}`));
      }, timeoutMs);
      const onExit = () => {
        cleanup();
        reject(new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before ${pattern}; output:\n${text.slice(-3000)}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
        child.off('exit', onExit);
      };
      listeners.add(check);
      child.once('exit', onExit);
      check();
    }),
    exit: async (timeoutMs = 150_000) => {
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`${name} did not exit within ${timeoutMs} ms; output:\n${text.slice(-3000)}`));
        }, timeoutMs);
      });
      return Promise.race([exited, hung]).finally(() => clearTimeout(timer));
    },
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
      children.delete(handle);
    },
  };
  children.add(handle);
  return handle;
}

/** Kills every child this module started (afterAll, and on failure). */
export async function killChildren(logTo?: string): Promise<void> {
  if (logTo) writeFileSync(logTo, [...children].map((c) => `==== ${c.name}\n${c.output()}`).join('\n'));
  await Promise.all([...children].map((c) => c.kill('SIGKILL')));
}
process.once('exit', () => children.forEach((c) => c.process.kill('SIGKILL')));

/** A worker app consuming jobs: resolves once it logs that it consumes. */
export async function startWorker(app: 'teacher' | 'distill' | 'evaluate' | 'ingest', env: Record<string, string>, name: string = app, args: string[] = []): Promise<Child> {
  const child = spawnApp(name, APPS[app], ['worker', '--health-port', '0', ...args], env);
  await child.waitFor(app === 'ingest' ? /serving view batches and import jobs/ : /consuming .* jobs on backend/, 60_000);
  return child;
}

export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
