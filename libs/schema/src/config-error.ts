/**
 * A config the user wrote is wrong: it names the file (when known) and the field path, e.g.
 * "exp.yaml: students.seed.methodConfig.queueSise: unknown field (did you mean queueSize?)".
 * Never transient: a job that fails with it is not retried.
 */
export class ConfigError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly source?: string,
  ) {
    super(`${source ? `${source}: ` : ''}${field}: ${reason}`);
    this.name = 'ConfigError';
  }

  /** The same error, naming the file it came from. */
  in(source: string): ConfigError {
    return this.source ? this : new ConfigError(this.field, this.reason, source);
  }
}

/** Edit distance (insertions, deletions, substitutions, adjacent swaps), for "did you mean". */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** The known name closest to `name`, when it is close enough to be a typo of it. */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (!best || d < best.distance) best = { name: candidate, distance: d };
  }
  return best && best.distance <= Math.max(1, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

/** "unknown X 'name' (did you mean Y?; expected one of ...)" */
export function unknownName(what: string, name: string, known: readonly string[]): string {
  const guess = closest(name, known);
  return `unknown ${what} '${name}' (${guess ? `did you mean ${guess}? ` : ''}expected one of: ${known.join(', ') || 'none'})`;
}
