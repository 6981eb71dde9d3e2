// The environment variables each process kind reads. deploy/ tests check every one is set for the
// workload that runs that app, so this list is the single source of truth for the wiring.
export const SHARED_ENV = {
  NATS_URL: 'NATS server URL(s), comma-separated (enables the NATS bus)',
  NATS_USER: 'NATS user name (required when the server has authentication)',
  NATS_PASSWORD: 'NATS password (secret; never logged)',
  S3_ENDPOINT: 'S3-compatible endpoint URL, e.g. http://s3:9000 (enables the S3 store)',
  S3_ACCESS_KEY: 'S3 access key id',
  S3_SECRET_KEY: 'S3 secret key (secret; never logged)',
  S3_BUCKET: 'bucket holding datasets, teachers, features and runs',
  SSL_DISTILL_BACKEND: 'tfjs backend: auto | tensorflow-gpu | tensorflow | native | wasm | cpu',
} as const;

export type EnvName = keyof typeof SHARED_ENV;

const BUS_AND_STORE: EnvName[] = ['NATS_URL', 'NATS_USER', 'NATS_PASSWORD', 'S3_ENDPOINT', 'S3_ACCESS_KEY', 'S3_SECRET_KEY', 'S3_BUCKET'];

/** Which variables a service of each app needs in a cluster (apps/<name>). */
export const APP_ENV: Record<'ingest' | 'teacher' | 'distill' | 'evaluate' | 'cli', EnvName[]> = {
  ingest: BUS_AND_STORE,
  teacher: [...BUS_AND_STORE, 'SSL_DISTILL_BACKEND'],
  distill: [...BUS_AND_STORE, 'SSL_DISTILL_BACKEND'],
  evaluate: [...BUS_AND_STORE, 'SSL_DISTILL_BACKEND'],
  cli: BUS_AND_STORE,
};
