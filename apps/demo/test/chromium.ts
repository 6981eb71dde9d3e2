// Headless chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe: requests
// on fd 3, replies on fd 4, each a JSON message ended by a NUL byte), so no WebSocket client is needed.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

interface Reply {
  id?: number;
  result?: Record<string, unknown>;
  error?: { message: string };
}

export class HeadlessChromium {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  private sessionId: string | undefined;
  stderr = '';

  private constructor(private readonly child: ChildProcess, private readonly profile: string) {
    const replies = child.stdio[4] as Readable;
    let buffered = '';
    replies.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let end: number;
      while ((end = buffered.indexOf('\0')) >= 0) {
        const message = JSON.parse(buffered.slice(0, end)) as Reply;
        buffered = buffered.slice(end + 1);
        const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
        if (!waiting) continue; // an event
        this.pending.delete(message.id!);
        if (message.error) waiting.reject(new Error(`chromium: ${message.error.message}`));
        else waiting.resolve(message.result ?? {});
      }
    });
    (child.stderr as Readable).on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  static async launch(options: { width?: number; height?: number } = {}): Promise<HeadlessChromium> {
    const command = process.env['CHROMIUM_BIN'] ?? '/usr/bin/chromium';
    const profile = await mkdtemp(join(tmpdir(), 'demo-chromium-'));
    const child = spawn(command, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--hide-scrollbars', `--user-data-dir=${profile}`,
      `--window-size=${options.width ?? 1000},${options.height ?? 760}`, '--remote-debugging-pipe', 'about:blank',
    ], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new Error(`${command} not found: apt-get install -y chromium (or set CHROMIUM_BIN)`) : error));
    });
    const browser = new HeadlessChromium(child, profile);
    const { targetInfos } = (await browser.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string }> };
    const page = targetInfos.find((t) => t.type === 'page');
    const targetId = page ? page.targetId : ((await browser.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string }).targetId;
    browser.sessionId = ((await browser.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string }).sessionId;
    return browser;
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const message = { id, method, params, ...(this.sessionId && !method.startsWith('Target.') && { sessionId: this.sessionId }) };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      (this.child.stdio[3] as Writable).write(`${JSON.stringify(message)}\0`);
    });
  }

  /** Evaluates `expression` in the page; returns its (JSON-able) value. */
  async evaluate<T>(expression: string): Promise<T> {
    const reply = (await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })) as { result: { value: T }; exceptionDetails?: { text: string } };
    if (reply.exceptionDetails) throw new Error(`page: ${reply.exceptionDetails.text}`);
    return reply.result.value;
  }

  /** Polls `expression` until it is truthy; fails after timeoutMs with `describe()`'s account. */
  async waitFor<T>(expression: string, timeoutMs: number, describe: () => Promise<string>): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await this.evaluate<T>(expression);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}: ${await describe()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async screenshot(): Promise<Buffer> {
    const { data } = (await this.send('Page.captureScreenshot', { format: 'png' })) as { data: string };
    return Buffer.from(data, 'base64');
  }

  async close(): Promise<void> {
    try {
      if (this.child.pid !== undefined) process.kill(-this.child.pid, 'SIGKILL'); // chromium's helpers share the group
    } catch {
      // already gone
    }
    await rm(this.profile, { recursive: true, force: true });
  }
}
