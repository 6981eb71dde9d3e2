// Text helpers shared by the HTML page and the terminal table.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe for element text and quoted attribute values; run names and class names come from users. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

export function formatPercent(fraction: number, decimals = 1): string {
  return `${(fraction * 100).toFixed(decimals)}%`;
}

export function formatParams(params: number): string {
  if (params >= 1e6) return `${(params / 1e6).toFixed(2)}M`;
  if (params >= 1e3) return `${(params / 1e3).toFixed(1)}k`;
  return String(params);
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const wholeSeconds = Math.round(seconds);
  const pad = (value: number) => String(value).padStart(2, '0');
  if (wholeSeconds < 3600) return `${Math.floor(wholeSeconds / 60)}m ${pad(wholeSeconds % 60)}s`;
  return `${Math.floor(wholeSeconds / 3600)}h ${pad(Math.floor((wholeSeconds % 3600) / 60))}m`;
}

/** What every table shows where a value is missing, null or not a finite number. */
export const MISSING = '—';

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** `value.toFixed(decimals)`, or MISSING for anything that is not a finite number. */
export function formatFixed(value: unknown, decimals: number): string {
  return isFiniteNumber(value) ? value.toFixed(decimals) : MISSING;
}
