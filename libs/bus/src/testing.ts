import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import type { LogFields, Logger } from './logger.js';

export interface TestNats {
  url: string;
  /** Stops the server this helper started; a no-op for one given by NATS_URL. */
  stop(): Promise<void>;
}

const SERVER_START_TIMEOUT_MS = 10_000;

/**
 * A NATS server with JetStream for tests: the one at env NATS_URL when set (CI starts one),
 * else a private `nats-server` (env NATS_SERVER_BIN, default from PATH) on a free loopback
 * port with a temporary store directory, removed by stop().
 */
export async function startTestNats(): Promise<TestNats> {
  const shared = process.env['NATS_URL'];
  if (shared) return { url: shared, stop: async () => {} };
  return spawnNatsServer();
}

/** A private nats-server even when NATS_URL is set (for tests that must stop or kill it). */
export async function spawnNatsServer(): Promise<TestNats> {
  const storeDir = await mkdtemp(join(tmpdir(), 'nats-test-'));
  const binary = process.env['NATS_SERVER_BIN'] ?? 'nats-server';
  // -p -1: the server picks a free port and logs it, so there is no race for the port.
  const server = spawn(binary, ['-js', '-a', '127.0.0.1', '-p', '-1', '-sd', storeDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  const killOnExit = () => server.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
    await exited;
    await rm(storeDir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let log = '';
      const timer = setTimeout(() => reject(new Error(`${binary} did not start within ${SERVER_START_TIMEOUT_MS} ms:\n${log}`)), SERVER_START_TIMEOUT_MS);
      server.once('error', (error) => reject(new Error(`cannot run ${binary}: ${error.message}`)));
      server.once('exit', (code) => reject(new Error(`${binary} exited with code ${code}:\n${log}`)));
      const onLog = (chunk: Buffer) => {
        log += chunk.toString();
        const listening = /Listening for client connections on ([\d.]+):(\d+)/.exec(log);
        if (listening) {
          clearTimeout(timer);
          server.stderr.off('data', onLog);
          server.stderr.resume(); // keep the pipe flowing, unread
          resolve(`nats://${listening[1]}:${listening[2]}`);
        }
      };
      server.stderr.on('data', onLog);
    });
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A random suffix that keeps the streams, subjects and durables of one test file apart from others'. */
export function uniqueSuffix(): string {
  return randomBytes(5).toString('hex');
}

/** Deletes streams a test created on a shared server. */
export async function deleteStreams(url: string, streams: readonly string[]): Promise<void> {
  const connection = await connect({ servers: url });
  try {
    const manager = await connection.jetstreamManager();
    for (const stream of streams) {
      await manager.streams.delete(stream).catch((error: unknown) => {
        if (!String(error).includes('stream not found')) throw error;
      });
    }
  } finally {
    await connection.close();
  }
}

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: LogFields;
}

/** A Logger that keeps its entries, to assert what was logged and keep test output quiet. */
export function recordingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const record = (level: LogEntry['level']) => (message: string, fields: LogFields = {}) => {
    entries.push({ level, message, fields });
  };
  return { entries, info: record('info'), warn: record('warn'), error: record('error') };
}
