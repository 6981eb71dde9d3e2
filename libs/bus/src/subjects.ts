import type { WorkQueueDefinition } from './bus.js';
import { UnknownWorkQueueError } from './errors.js';

const TOKEN = /^[^\s.*>]+$/;
const NAME = /^[A-Za-z0-9_-]+$/;

function tokensOf(subject: string, what: string): string[] {
  const tokens = subject.split('.');
  if (subject === '' || tokens.some((token) => token === '' || /\s/.test(token))) {
    throw new TypeError(`${what} "${subject}" must be dot-separated non-empty tokens without whitespace`);
  }
  return tokens;
}

/** A subject to publish or consume on: no wildcards. */
export function checkSubject(subject: string, what = 'subject'): string {
  if (!tokensOf(subject, what).every((token) => TOKEN.test(token))) {
    throw new TypeError(`${what} "${subject}" must not contain wildcards (* or >)`);
  }
  return subject;
}

/** A subscription pattern: `*` matches one token, a final `>` one or more. */
export function checkPattern(pattern: string, what = 'subject pattern'): string {
  const tokens = tokensOf(pattern, what);
  tokens.forEach((token, i) => {
    const wildcard = token === '*' || (token === '>' && i === tokens.length - 1);
    if (!wildcard && !TOKEN.test(token)) throw new TypeError(`${what} "${pattern}" has an invalid token "${token}"`);
  });
  return pattern;
}

/** One subject token (e.g. a job id inside distill.v1.progress.{jobId}). */
export function checkToken(token: string, what: string): string {
  if (!TOKEN.test(token)) throw new TypeError(`${what} "${token}" must be one subject token (no '.', '*', '>' or whitespace)`);
  return token;
}

/** Stream, durable consumer and queue group names. */
export function checkName(name: string, what: string): string {
  if (!NAME.test(name)) throw new TypeError(`${what} "${name}" must match ${NAME}`);
  return name;
}

export function subjectMatches(pattern: string, subject: string): boolean {
  const patternTokens = pattern.split('.');
  const subjectTokens = subject.split('.');
  for (let i = 0; i < patternTokens.length; i++) {
    const token = patternTokens[i];
    if (token === '>') return subjectTokens.length > i;
    if (i >= subjectTokens.length || (token !== '*' && token !== subjectTokens[i])) return false;
  }
  return patternTokens.length === subjectTokens.length;
}

/** The work queue storing `subject`. */
export function workQueueFor(workQueues: readonly WorkQueueDefinition[], subject: string): WorkQueueDefinition {
  const queue = workQueues.find((candidate) => candidate.subjects.some((pattern) => subjectMatches(pattern, subject)));
  if (!queue) throw new UnknownWorkQueueError(subject);
  return queue;
}

export function checkWorkQueues(workQueues: readonly WorkQueueDefinition[]): readonly WorkQueueDefinition[] {
  for (const queue of workQueues) {
    checkName(queue.stream, 'work queue stream');
    if (queue.subjects.length === 0) throw new TypeError(`work queue stream "${queue.stream}" has no subjects`);
    queue.subjects.forEach((pattern) => checkPattern(pattern, `subject of work queue stream "${queue.stream}"`));
  }
  return workQueues;
}
