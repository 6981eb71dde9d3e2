// Starts a private nats-server (Debian's package) on free loopback ports, for tests of the deployed config.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface NatsServer {
  url: string;
  monitorUrl: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `env` fills the config's $VARIABLES; the config's ports are overridden by free ones. */
export async function startNatsServer(configFile: string, env: Record<string, string>): Promise<NatsServer> {
  const [port, monitorPort] = [await freePort(), await freePort()];
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nats-auth-'));
  const child = spawn('nats-server', ['-c', configFile, '-a', '127.0.0.1', '-p', String(port), '-m', String(monitorPort)], {
    // Debian installs nats-server in /usr/sbin, which a non-root PATH leaves out.
    env: { PATH: `${process.env.PATH}:/usr/sbin`, JETSTREAM_STORE_DIR: storeDir, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let log = '';
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`nats-server did not start within 10 s:\n${log}`)), 10_000);
      child.stderr.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('Server is ready')) resolve();
      });
      child.once('error', reject);
      void exited.then(() => reject(new Error(`nats-server exited:\n${log}`)));
    });
  } catch (error) {
    child.kill('SIGKILL');
    fs.rmSync(storeDir, { recursive: true, force: true });
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    monitorUrl: `http://127.0.0.1:${monitorPort}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
