import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ViewBatch, ViewPlan } from '@ssl-distill/augment';
import { DistillBus, DistillSubjects, MemoryBroker, MemoryBus, NatsBus, RemoteHandlerError } from '@ssl-distill/bus';
import { recordingLogger, startTestNats, uniqueSuffix, type TestNats } from '@ssl-distill/bus/testing';
import { encodeMessage, MalformedMessageError } from '@ssl-distill/proto';
import { FileSystemStore } from '@ssl-distill/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataset } from './datasets.js';
import { BusViewSource, LocalViewSource, serveViews, viewPlanToMessage } from './views.js';

const replay: ViewPlan = { kind: 'replay', epochs: 3, seed: 11, views: 2, preset: 'simclr' };
const fixed: ViewPlan = { kind: 'fixed' };
const scattered = [17, 3, 3, 40, 0];
const contiguous = [8, 9, 10, 11, 12, 13];

function bitsOf(batch: ViewBatch): Uint8Array {
  return new Uint8Array(batch.data.buffer, batch.data.byteOffset, batch.data.byteLength);
}

let dir: string;
let store: FileSystemStore;
let datasetId: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'views-spec-'));
  store = new FileSystemStore(dir);
  ({ datasetId } = await importDataset({ source: 'synthetic', count: 48, height: 12, width: 10, channels: 3, classes: 3, seed: 4 }, store, { shardSize: 20 }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The same checks over each transport: `connect` gives a worker-side and a client-side bus. */
function describeBusViews(name: string, connect: () => Promise<{ worker: DistillBus; client: DistillBus }>): void {
  describe(`views over ${name}`, () => {
    let worker: DistillBus;
    let client: DistillBus;
    beforeAll(async () => {
      ({ worker, client } = await connect());
      await serveViews(worker, new FileSystemStore(dir));
    });
    afterAll(async () => {
      await client?.drain();
      await worker?.drain();
    });

    it.each([
      ['replay, scattered samples', replay, scattered, 2, 1],
      ['replay, a range of samples', replay, contiguous, 0, 0],
      ['fixed', fixed, scattered, 0, 0],
    ] as const)('equal local views bit for bit: %s', async (_, plan, indices, epoch, view) => {
      const local = await new LocalViewSource(store).render(datasetId, plan, indices, epoch, view);
      const remote = await new BusViewSource(client).render(datasetId, plan, indices, epoch, view);
      expect(remote.shape).toEqual([indices.length, 12, 10, 3]);
      expect(remote.shape).toEqual(local.shape);
      expect(bitsOf(remote)).toEqual(bitsOf(local));
    });

    it('answers a malformed request with an error naming the message type, and keeps serving', async () => {
      const garbage = client.bus.request(client.subjects.viewsRequest, new Uint8Array([0xff, 0xff, 0xff]), { timeoutMs: 5_000 });
      await expect(garbage).rejects.toThrow(RemoteHandlerError);
      await expect(garbage).rejects.toThrow('ViewBatchRequest');
      const forged = encodeMessage('ViewBatchRequest', { datasetId, plan: { ...viewPlanToMessage(replay), planId: 'not-the-plan' }, range: { start: 0, count: 1 } });
      await expect(client.bus.request(client.subjects.viewsRequest, forged, { timeoutMs: 5_000 })).rejects.toThrow(/ViewBatchRequest: plan: planId "not-the-plan" does not match/);
      const unknownDataset = new BusViewSource(client).render('0123456789abcdef', replay, [0], 0, 0);
      await expect(unknownDataset).rejects.toThrow('datasets/0123456789abcdef/manifest.pb');
      const after = await new BusViewSource(client).render(datasetId, replay, [1], 0, 0);
      expect(after.shape).toEqual([1, 12, 10, 3]);
    });
  });
}

describeBusViews('the in-memory bus', async () => {
  const broker = new MemoryBroker();
  const subjects = new DistillSubjects();
  const open = () => new DistillBus(new MemoryBus({ workQueues: subjects.workQueues(), broker, logger: recordingLogger() }), subjects, recordingLogger());
  return { worker: open(), client: open() };
});

let nats: TestNats;
describe('with a NATS server', () => {
  beforeAll(async () => {
    nats = await startTestNats();
  });
  afterAll(() => nats?.stop());

  describeBusViews('NATS', async () => {
    const subjects = new DistillSubjects(`test${uniqueSuffix()}.distill.v1`);
    const open = async (name: string) => {
      const logger = recordingLogger();
      return new DistillBus(await NatsBus.connect({ servers: nats.url, workQueues: subjects.workQueues('memory'), logger, name }), subjects, logger);
    };
    return { worker: await open('views-worker'), client: await open('views-client') };
  });
});

describe('BusViewSource', () => {
  const subjects = new DistillSubjects();
  const broker = new MemoryBroker();
  const bus = new DistillBus(new MemoryBus({ workQueues: subjects.workQueues(), broker, logger: recordingLogger() }), subjects, recordingLogger());
  afterAll(() => bus.drain());

  it('rejects a reply that is not the batch it asked for, naming ViewBatchReply', async () => {
    const responder = await bus.bus.respond(subjects.viewsRequest, 'liars', async () =>
      encodeMessage('ViewBatchReply', { datasetId, planId: viewPlanToMessage(replay).planId, sampleIndices: [5], shape: [1, 1, 1, 1], data: new Uint8Array(4) }),
    );
    try {
      const render = new BusViewSource(bus).render(datasetId, replay, [4], 0, 0);
      await expect(render).rejects.toThrow(MalformedMessageError);
      await expect(render).rejects.toThrow('malformed distill.v1.ViewBatchReply: sampleIndices differ');
    } finally {
      await responder.unsubscribe();
    }
  });

  it('retries until a worker subscribes', async () => {
    const source = new BusViewSource(bus, { attempts: 4, retryDelayMs: 50 });
    const render = source.render(datasetId, replay, [2], 1, 1);
    const serving = await serveViews(bus, store);
    try {
      const local = await new LocalViewSource(store).render(datasetId, replay, [2], 1, 1);
      expect(bitsOf(await render)).toEqual(bitsOf(local));
    } finally {
      await serving.unsubscribe();
    }
  });

  it('splits a batch of 256 views of 224x224x3 (154 MB) into replies that fit a 1 MiB max payload', async () => {
    const big = new FileSystemStore(join(dir, 'big'));
    const { datasetId: bigId } = await importDataset({ source: 'synthetic', count: 256, height: 224, width: 224, channels: 3, classes: 4, seed: 5 }, big);
    const small = new DistillBus(new MemoryBus({ workQueues: subjects.workQueues(), broker: new MemoryBroker(), logger: recordingLogger(), maxPayload: 1024 * 1024 }), subjects, recordingLogger());
    const serving = [await serveViews(small, big), await serveViews(small, big)];
    try {
      const indices = Array.from({ length: 256 }, (_, i) => (i * 97) % 256);
      const remote = await new BusViewSource(small).render(bigId, fixed, indices, 0, 0);
      const local = await new LocalViewSource(big).render(bigId, fixed, indices, 0, 0);
      expect(remote.shape).toEqual([256, 224, 224, 3]);
      expect(Buffer.from(bitsOf(remote)).equals(Buffer.from(bitsOf(local)))).toBe(true);
      // Asked for the whole batch in one message, a worker says how many samples fit.
      const whole = encodeMessage('ViewBatchRequest', { datasetId: bigId, plan: viewPlanToMessage(fixed), range: { start: 0, count: 4 } });
      await expect(small.bus.request(subjects.viewsRequest, whole, { timeoutMs: 30_000 })).rejects.toThrow(/max payload of 1048576: ask for at most 1 samples a request/);
    } finally {
      await Promise.all(serving.map((subscription) => subscription.unsubscribe()));
      await small.drain();
    }
  });

  it('names the max payload when a single view cannot fit it', async () => {
    const tiny = new DistillBus(new MemoryBus({ workQueues: subjects.workQueues(), broker: new MemoryBroker(), logger: recordingLogger(), maxPayload: 2000 }), subjects, recordingLogger());
    const serving = await serveViews(tiny, store);
    try {
      // A 12x10x3 view is 1440 bytes of floats: with the reply's own fields it passes 2000 bytes.
      await expect(new BusViewSource(tiny).render(datasetId, fixed, [0, 1], 0, 0)).rejects.toThrow(/max payload of 2000/);
    } finally {
      await serving.unsubscribe();
      await tiny.drain();
    }
  });

  it('refuses plans a ViewPlan message cannot carry', () => {
    expect(() => viewPlanToMessage({ ...replay, size: { height: 4, width: 4 } })).toThrow(/output size or normalisation/);
    expect(() => viewPlanToMessage({ kind: 'replay', epochs: 1, seed: 1, pipelines: [[]] })).toThrow(/own pipelines/);
  });
});
