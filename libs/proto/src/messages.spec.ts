import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { distill } from '@ssl-distill/proto/generated';
import { PROTO_ROOT } from './codegen/generate.js';
import { MalformedMessageError, SCHEMA_VERSION, decodeMessage, encodeMessage, messageTypes } from './messages.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function expectMalformed(action: () => unknown, typeName: string, reason: RegExp): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(MalformedMessageError);
  const error = caught as MalformedMessageError;
  expect(error.typeName).toBe(typeName);
  expect(error.reason).toMatch(reason);
  expect(error.message).toContain(`distill.v1.${typeName}`);
}

describe('encodeMessage / decodeMessage', () => {
  it('round-trips a dataset shard and stamps the schema version', () => {
    const images = Uint8Array.from({ length: 2 * 2 * 2 * 3 }, (_, i) => i * 7);
    const bytes = encodeMessage('DatasetShard', {
      datasetId: 'ds1',
      index: 3,
      firstSample: 300,
      count: 2,
      height: 2,
      width: 2,
      channels: 3,
      images,
      labels: [4, -1],
    });
    const shard = decodeMessage('DatasetShard', bytes);
    expect(shard.schemaVersion).toBe(SCHEMA_VERSION);
    expect(shard.datasetId).toBe('ds1');
    expect(shard.firstSample).toBe(300);
    expect(Array.from(shard.images)).toEqual(Array.from(images));
    expect(shard.labels).toEqual([4, -1]);
  });

  it('round-trips oneofs, maps, optional fields and large numbers', () => {
    const request = decodeMessage(
      'ViewBatchRequest',
      encodeMessage('ViewBatchRequest', {
        datasetId: 'ds1',
        plan: { planId: 'p1', replay: { epochs: 4, preset: 'simclr', planSeed: 7, viewsPerEpoch: 2 } },
        indices: { indices: [5, 1, 9] },
        epoch: 2,
        view: 1,
      }),
    );
    expect(request.samples).toBe('indices');
    expect(request.indices?.indices).toEqual([5, 1, 9]);
    expect(request.plan).toBeInstanceOf(distill.v1.ViewPlan);
    expect((request.plan as distill.v1.ViewPlan).kind).toBe('replay');
    expect(request.plan?.replay?.planSeed).toBe(7);

    const checkpoint = decodeMessage(
      'Checkpoint',
      encodeMessage('Checkpoint', {
        runId: 'r1',
        step: 2 ** 32 - 1,
        createdAtMs: 1_750_000_000_123,
        modelKeys: { student: 'runs/r1/s.json' },
      }),
    );
    expect(checkpoint.step).toBe(2 ** 32 - 1);
    expect(checkpoint.createdAtMs).toBe(1_750_000_000_123);
    expect(checkpoint.modelKeys).toEqual({ student: 'runs/r1/s.json' });

    const withoutLoss = decodeMessage('ProgressEvent', encodeMessage('ProgressEvent', { jobId: 'j1', step: 1 }));
    const withLoss = decodeMessage('ProgressEvent', encodeMessage('ProgressEvent', { jobId: 'j1', loss: 0 }));
    expect(withoutLoss.loss).toBeNull();
    expect(withLoss.loss).toBe(0);
  });

  it('rejects an object whose field has the wrong type, naming the field', () => {
    expectMalformed(
      () => encodeMessage('DatasetManifest', { datasetId: 5 as unknown as string }),
      'DatasetManifest',
      /datasetId: string expected/,
    );
  });

  it('rejects writing another schema version', () => {
    expectMalformed(() => encodeMessage('ErrorInfo', { schemaVersion: 2, message: 'x' }), 'ErrorInfo', /schemaVersion 2/);
  });

  it('rejects bytes of another or a missing schema version', () => {
    const future = distill.v1.ErrorInfo.encode({ schemaVersion: 2, message: 'x' }).finish();
    const unversioned = distill.v1.ErrorInfo.encode({ message: 'x' }).finish();
    expectMalformed(() => decodeMessage('ErrorInfo', future), 'ErrorInfo', /schemaVersion 2 is not supported/);
    expectMalformed(() => decodeMessage('ErrorInfo', unversioned), 'ErrorInfo', /schemaVersion 0 is not supported/);
  });

  it('rejects truncated and garbage bytes', () => {
    const bytes = encodeMessage('TrainJob', { jobId: 'job-1', runId: 'run-1', configJson: '{"tau":0.2}' });
    expectMalformed(() => decodeMessage('TrainJob', bytes.subarray(0, bytes.length - 3)), 'TrainJob', /index out of range/);
    expectMalformed(() => decodeMessage('TrainJob', Uint8Array.of(0xff, 0xff, 0xff)), 'TrainJob', /./);
  });
});

function loadProtoReflection(): protobuf.Namespace {
  const dir = join(PROTO_ROOT, 'distill/v1');
  const root = new protobuf.Root();
  // Imports are relative to PROTO_ROOT, like pbjs's --path.
  root.resolvePath = (_origin, target) => (target.startsWith('/') ? target : join(PROTO_ROOT, target));
  root.loadSync(readdirSync(dir).map((name) => join(dir, name)));
  return root.lookup('distill.v1') as protobuf.Namespace;
}

describe('message registry', () => {
  const v1 = loadProtoReflection();
  const allTypes = () => v1.nestedArray.filter((nested): nested is protobuf.Type => nested instanceof protobuf.Type);

  it('lists exactly the messages that carry schema_version as field 1', () => {
    const versioned = allTypes()
      .filter((type) => type.fieldsById[1]?.name === 'schemaVersion')
      .map((type) => type.name)
      .sort();
    expect(Object.keys(messageTypes).sort()).toEqual(versioned);
    for (const type of versioned) expect(v1.lookupType(type).fieldsById[1]!.type).toBe('uint32');
  });

  it('has no 64-bit integer field (protobufjs would decode it as a Long object)', () => {
    const sixtyFourBit = allTypes()
      .flatMap((type) => type.fieldsArray.map((field) => ({ field: `${type.name}.${field.name}`, type: field.type })))
      .filter(({ type }) => /^(u?int|sint|s?fixed)64$/.test(type));
    expect(sixtyFourBit).toEqual([]);
  });
});
