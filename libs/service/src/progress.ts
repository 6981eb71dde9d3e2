// Progress of long work: a tracker computes rate and ETA; renderers show it as a terminal bar or
// as JSON lines (--json). Over NATS the same events travel on distill.v1.progress.{jobId}.
export interface ProgressEvent {
  jobId: string;
  stage: string;
  state: 'running' | 'done' | 'failed';
  step: number;
  total: number;
  loss?: number;
  imagesPerSecond?: number;
  etaSeconds?: number;
  message?: string;
}

export type ProgressSink = (event: ProgressEvent) => void;

export class ProgressTracker {
  private readonly started = Date.now();
  private lastEmit = 0;
  private images = 0;

  constructor(
    private readonly jobId: string,
    private readonly stage: string,
    private readonly total: number,
    private readonly sink: ProgressSink,
    private readonly minIntervalMs = 250,
  ) {}

  /** Records that `step` of `total` is done; `images` processed in this step feed the rate. */
  tick(step: number, details: { images?: number; loss?: number; message?: string } = {}): void {
    this.images += details.images ?? 0;
    const now = Date.now();
    if (step < this.total && now - this.lastEmit < this.minIntervalMs) return;
    this.lastEmit = now;
    const seconds = Math.max(1e-3, (now - this.started) / 1000);
    const etaSeconds = step > 0 ? ((this.total - step) * seconds) / step : undefined;
    this.sink({
      jobId: this.jobId, stage: this.stage, state: 'running', step, total: this.total,
      loss: details.loss, message: details.message, etaSeconds,
      imagesPerSecond: this.images > 0 ? this.images / seconds : undefined,
    });
  }

  finish(message?: string): void {
    this.sink({ jobId: this.jobId, stage: this.stage, state: 'done', step: this.total, total: this.total, message });
  }

  fail(message: string): void {
    this.sink({ jobId: this.jobId, stage: this.stage, state: 'failed', step: 0, total: this.total, message });
  }
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** One line per event, rewritten in place on a terminal: `stage [#####.....] 50% 12.3 img/s ETA 01:02 loss 1.234`. */
export function formatProgressLine(event: ProgressEvent, width = 24): string {
  const fraction = event.total > 0 ? Math.min(1, event.step / event.total) : 0;
  const filled = Math.round(fraction * width);
  const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
  const parts = [`${event.stage.padEnd(18)} [${bar}] ${String(Math.round(fraction * 100)).padStart(3)}%`, `${event.step}/${event.total}`];
  if (event.imagesPerSecond !== undefined) parts.push(`${event.imagesPerSecond.toFixed(1)} img/s`);
  if (event.state === 'running' && event.etaSeconds !== undefined) parts.push(`ETA ${formatDuration(event.etaSeconds)}`);
  if (event.loss !== undefined) parts.push(`loss ${event.loss.toFixed(4)}`);
  if (event.message) parts.push(event.message);
  if (event.state !== 'running') parts.push(event.state);
  return parts.join('  ');
}

/**
 * A bar rewritten in place on a terminal. Elsewhere (a log file, a pod's log) a line per finished
 * stage, and for a running one at most a line every `logEveryMs`, so long jobs still show progress and ETA.
 */
export function terminalRenderer(stream: NodeJS.WriteStream = process.stderr, logEveryMs = 30_000): ProgressSink {
  const interactive = Boolean(stream.isTTY);
  const lastLogged = new Map<string, number>();
  return (event) => {
    const line = formatProgressLine(event);
    if (interactive) {
      stream.write(`\r\x1b[2K${line}${event.state === 'running' ? '' : '\n'}`);
      return;
    }
    const key = `${event.jobId} ${event.stage}`;
    if (event.state === 'running') {
      const now = Date.now();
      if (now - (lastLogged.get(key) ?? now - logEveryMs) < logEveryMs) return;
      lastLogged.set(key, now);
    } else lastLogged.delete(key);
    stream.write(`${line}\n`);
  };
}

export function jsonRenderer(stream: NodeJS.WritableStream = process.stdout): ProgressSink {
  return (event) => stream.write(`${JSON.stringify({ type: 'progress', ...event })}\n`);
}
