import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatProgressLine, terminalRenderer, type ProgressEvent } from './progress.js';

const event = (state: ProgressEvent['state'], step: number): ProgressEvent => ({ jobId: 'j1', stage: 'student seed', state, step, total: 100, etaSeconds: 90, imagesPerSecond: 512 });

function capture(isTTY: boolean) {
  const lines: string[] = [];
  return { lines, stream: { isTTY, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream };
}

afterEach(() => vi.useRealTimers());

describe('progress rendering', () => {
  it('formats bar, rate, ETA and state', () => {
    expect(formatProgressLine(event('running', 50), 10)).toBe('student seed       [#####.....]  50%  50/100  512.0 img/s  ETA 01:30');
    expect(formatProgressLine(event('done', 100), 10)).toMatch(/\[##########\] 100%.*done$/);
  });

  it('off a terminal (a log): a running line at most every interval, every finished stage', () => {
    vi.useFakeTimers();
    const { lines, stream } = capture(false);
    const render = terminalRenderer(stream, 30_000);
    render(event('running', 1)); // first: logged
    vi.advanceTimersByTime(10_000);
    render(event('running', 10)); // within the interval: dropped
    vi.advanceTimersByTime(25_000);
    render(event('running', 40)); // 35 s after the first: logged
    render(event('done', 100));
    expect(lines.map((l) => /(\d+)\/100/.exec(l)![1])).toEqual(['1', '40', '100']);
    expect(lines.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
    expect(lines[1]).toContain('ETA 01:30');
  });

  it('on a terminal: every event rewrites the bar in place', () => {
    const { lines, stream } = capture(true);
    const render = terminalRenderer(stream);
    render(event('running', 1));
    render(event('running', 2));
    render(event('done', 100));
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.startsWith('\r\x1b[2K'))).toBe(true);
    expect(lines[2]!.endsWith('done\n')).toBe(true);
  });
});
