// Reads what the deployed NATS server config expects from its environment.
import fs from 'node:fs';
import path from 'node:path';
import { DEPLOY_DIR } from './contract.js';

export const NATS_CONFIG_FILE = path.join(DEPLOY_DIR, 'base/nats/nats-server.conf');
const JETSTREAM_DIR = path.join(DEPLOY_DIR, 'base/nats/jetstream');

/**
 * The environment variables the config references: $NAME tokens outside quotes and comments that the
 * file does not define itself (nats-server falls back to the environment for those).
 */
export function natsConfigEnvVars(text = fs.readFileSync(NATS_CONFIG_FILE, 'utf8')): string[] {
  const code = text
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .join('\n')
    .replace(/"[^"\n]*"/g, '""');
  const defined = new Set([...code.matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*[=:]/gm)].map((m) => m[1]));
  const referenced = new Set([...code.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!));
  return [...referenced].filter((name) => !defined.has(name)).sort();
}

/**
 * nats-server parses an environment value as a config token, so a password such as "4e2x" or "2026-..."
 * reads as a number or a date and the server does not start (nats-io/nats-server#3431, #6891), and
 * "yes" reads as a boolean. NATS user names and passwords are therefore letters and digits that start
 * with a letter and are not a boolean word.
 */
export function isNatsSafeCredential(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]*$/.test(value) && !/^(true|false|yes|no|on|off)$/i.test(value);
}

export const MIN_NATS_PASSWORD_LENGTH = 16;

/** The variables holding one NATS user's name and password, e.g. NATS_INGEST_USER. */
export function natsUserEnv(user: string): { user: string; password: string } {
  const prefix = `NATS_${user.toUpperCase()}`;
  return { user: `${prefix}_USER`, password: `${prefix}_PASSWORD` };
}

/** The stream definitions the setup Job declares (one JSON file per stream, named after it). */
export function readStreamDefinitions(): { file: string; config: { name: string; subjects: string[] } & Record<string, unknown> }[] {
  return fs.readdirSync(JETSTREAM_DIR).filter((file) => file.endsWith('.json')).sort()
    .map((file) => ({ file, config: JSON.parse(fs.readFileSync(path.join(JETSTREAM_DIR, file), 'utf8')) }));
}
