// Commander argument parsers shared by the tools' command lines.
import { InvalidArgumentError } from 'commander';

export function positiveInteger(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError(`expected a positive integer ('${value}' is not an integer >= 1)`);
  return Number(value);
}

export function positiveNumber(value: string): number {
  const number = Number(value);
  if (!(number > 0) || !Number.isFinite(number)) throw new InvalidArgumentError('expected a positive number');
  return number;
}
