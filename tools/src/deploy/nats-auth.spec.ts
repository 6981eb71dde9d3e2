// Starts nats-server with the deployed config (deploy/base/nats/nats-server.conf) and checks the
// authentication and per-app permissions the cluster relies on: the setup user declares the streams
// from deploy/base/nats/jetstream/, then each app drives the real libs/bus under its own user.
import { randomBytes } from 'node:crypto';
import { type DistillBus, type Logger, openDistillBus } from '@ssl-distill/bus';
import { connect, type NatsConnection, type StreamConfig } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CONSUMERS, APPS, type App, JOB_KINDS, type JobKind, streamOf, subjects, VIEWS_QUEUE_GROUP, WORK_QUEUES, workerDurable } from './contract.js';
import { isNatsSafeCredential, NATS_CONFIG_FILE, natsConfigEnvVars, natsUserEnv, readStreamDefinitions } from './nats-config.js';
import { type NatsServer, startNatsServer } from './nats-server.js';

const USERS = ['setup', ...APPS] as const;
type User = (typeof USERS)[number];
const passwords = Object.fromEntries(USERS.map((user) => [user, `p${randomBytes(12).toString('hex')}`])) as Record<User, string>;
const WORKERS = APPS.filter((app) => APP_CONSUMERS[app].length > 0);
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

let server: NatsServer;
const connections: NatsConnection[] = [];
const buses: DistillBus[] = [];

async function login(user: User, password = passwords[user]): Promise<NatsConnection> {
  const nc = await connect({ servers: server.url, user, pass: password, reconnect: false });
  connections.push(nc);
  return nc;
}

async function busAs(app: App): Promise<DistillBus> {
  const bus = await openDistillBus({ url: server.url, user: app, password: passwords[app], name: `${app}-test`, logger: quiet });
  buses.push(bus);
  return bus;
}

/** Resolves when the server reports a permissions violation for `operation` on `subject`. */
async function permissionViolation(nc: NatsConnection, operation: 'publish' | 'subscription', subject: string): Promise<void> {
  const reported = (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'error' && status.data === 'PERMISSIONS_VIOLATION' && status.permissionContext?.operation === operation && status.permissionContext.subject === subject) return true;
    }
    return false;
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 2_000)));
  const seen = await Promise.race([reported, timeout]);
  clearTimeout(timer);
  if (!seen) throw new Error(`no ${operation} permissions violation for ${subject}`);
}

async function expectPublishDenied(nc: NatsConnection, subject: string): Promise<void> {
  const denied = permissionViolation(nc, 'publish', subject);
  nc.publish(subject, 'x');
  await nc.flush();
  await denied;
}

beforeAll(async () => {
  const env: Record<string, string> = { JETSTREAM_MAX_FILE_STORE: '64MB' };
  for (const user of USERS) {
    const names = natsUserEnv(user);
    env[names.user] = user;
    env[names.password] = passwords[user];
  }
  expect(Object.values(passwords).every(isNatsSafeCredential)).toBe(true);
  // Every variable the config reads is set here (the store dir comes from startNatsServer).
  expect(natsConfigEnvVars().filter((name) => !(name in env))).toEqual(['JETSTREAM_STORE_DIR']);
  server = await startNatsServer(NATS_CONFIG_FILE, env);

  const jsm = await (await login('setup')).jetstreamManager();
  for (const { config } of readStreamDefinitions()) await jsm.streams.add(config as Partial<StreamConfig>);
});

afterAll(async () => {
  await Promise.all(buses.map((bus) => bus.close()));
  await Promise.all(connections.map((nc) => nc.close()));
  await server?.stop();
});

describe('NATS authentication', () => {
  it.each(USERS)('lets %s in with its password', async (user) => {
    const nc = await login(user);
    await expect(nc.flush()).resolves.toBeUndefined();
  });

  it('refuses a wrong password, an unknown user and an anonymous client', async () => {
    await expect(login('ingest', 'pNotThePassword')).rejects.toMatchObject({ code: 'AUTHORIZATION_VIOLATION' });
    await expect(connect({ servers: server.url, user: 'intruder', pass: passwords.ingest, reconnect: false })).rejects.toMatchObject({ code: 'AUTHORIZATION_VIOLATION' });
    await expect(connect({ servers: server.url, reconnect: false })).rejects.toMatchObject({ code: 'AUTHORIZATION_VIOLATION' });
  });
});

describe('JetStream', () => {
  it('lets the setup user declare one work-queue stream per job kind and the results stream, as libs/bus names them', async () => {
    const jsm = await (await login('setup')).jetstreamManager();
    const streams = await jsm.streams.list().next();
    expect(streams.map((s) => [s.config.name, s.config.subjects, s.config.retention, s.config.max_msgs_per_subject]).sort()).toEqual(
      WORK_QUEUES.map((queue) => [queue.stream, queue.subjects, queue.retention ?? 'workqueue', queue.retention === 'limits' ? queue.maxMessagesPerSubject : -1]).sort(),
    );
  });

  it.each(WORKERS)('lets the %s worker send a job result and its status to the cli, which reads the result back later', async (app) => {
    const cli = await busAs('cli');
    const heard: string[] = [];
    await cli.subscribeResults((result) => void heard.push(`${result.jobId} ${result.error}`));
    await cli.subscribeWorkerStatus((status) => void heard.push(`${status.worker} ready=${status.ready}`));
    const worker = await busAs(app);
    worker.publishWorkerStatus({ worker: `${app}-1`, kinds: [...APP_CONSUMERS[app]], ready: true });
    await worker.publishResult({ jobId: `job-of-${app}`, kind: APP_CONSUMERS[app][0], status: 3, error: 'store refused the key', attempt: 1 });
    await expect.poll(() => [...new Set(heard)].sort(), { timeout: 5_000 }).toEqual([`${app}-1 ready=true`, `job-of-${app} store refused the key`].sort());
    expect(await (await busAs('cli')).lastResult(`job-of-${app}`)).toMatchObject({ error: 'store refused the key' });
  });

  it('keeps every app from creating streams', async () => {
    for (const app of APPS) {
      const jsm = await (await login(app)).jetstreamManager();
      await expect(jsm.streams.add({ name: `ROGUE_${app.toUpperCase()}`, subjects: [`rogue.${app}`] }), app).rejects.toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
    }
  });

  it('carries a job from the cli through its stream to a worker, with the lag KEDA reads in between', async () => {
    const cli = await busAs('cli');
    expect(await cli.submitJob('import', { jobId: 'job-1' })).toEqual({ duplicate: false });

    const received: string[] = [];
    await (await busAs('ingest')).consumeJobs('import', async (job) => void received.push(job.jobId));
    await expect.poll(() => received, { timeout: 5_000 }).toEqual(['job-1']);
    // KEDA's nats-jetstream scaler reads this endpoint with account $G and the stream/consumer names.
    type Jsz = { account_details: { stream_detail: { name: string; state: { messages: number }; consumer_detail: { name: string }[] }[] }[] };
    await expect.poll(async () => {
      const jsz = (await (await fetch(`${server.monitorUrl}/jsz?acc=$G&consumers=true`)).json()) as Jsz;
      const stream = jsz.account_details[0]!.stream_detail.find((s) => s.name === streamOf('import'))!;
      return { consumers: stream.consumer_detail.map((c) => c.name), messages: stream.state.messages };
    }).toEqual({ consumers: [workerDurable('import')], messages: 0 });
  });

  it.each(WORKERS)('lets %s consume its own job kinds and no other', async (app) => {
    const bus = await busAs(app);
    for (const kind of JOB_KINDS) {
      const consuming = bus.consumeJobs(kind as JobKind, async () => {});
      if (APP_CONSUMERS[app].includes(kind)) await expect(consuming, kind).resolves.toBeDefined();
      else await expect(consuming, kind).rejects.toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
    }
  });

  it.each(WORKERS)('keeps %s from submitting jobs', async (app) => {
    await expectPublishDenied(await login(app), subjects.job('train'));
  });
});

describe('views and progress', () => {
  it('serves view requests from the ingest workers\' queue group only', async () => {
    const ingest = await busAs('ingest');
    await ingest.serveViews(async (request) => ({ datasetId: request.datasetId }));
    for (const requester of ['teacher', 'distill', 'evaluate'] as const) {
      const reply = await (await busAs(requester)).requestViews({ datasetId: requester }, { timeoutMs: 2_000 });
      expect(reply.datasetId).toBe(requester);
    }
    // Outside the group nobody listens in, and the cli cannot ask.
    const eavesdropper = await login('ingest');
    const denied = permissionViolation(eavesdropper, 'subscription', subjects.viewsRequest);
    eavesdropper.subscribe(subjects.viewsRequest, { queue: `not-${VIEWS_QUEUE_GROUP}` });
    await denied;
    await expectPublishDenied(await login('cli'), subjects.viewsRequest);
  });

  it('lets every app publish progress, which the cli follows', async () => {
    const received: string[] = [];
    await (await busAs('cli')).subscribeProgress(undefined, (event) => received.push(event.message));
    for (const app of WORKERS) (await busAs(app)).publishProgress({ jobId: 'job-2', message: app });
    await expect.poll(() => [...received].sort()).toEqual([...WORKERS].sort());
    await expectPublishDenied(await login('ingest'), 'distill.v1.anything.else');
  });
});
