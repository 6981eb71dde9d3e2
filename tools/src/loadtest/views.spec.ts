// The load test's machinery at tiny scale: real worker processes over a private NATS server.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnNatsServer, type TestNats } from '@ssl-distill/bus/testing';
import { openStore } from '@ssl-distill/service';
import { importDataset } from '@ssl-distill/data-access';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRows, localEpochDigest, runLoadTest } from './loadtest.js';

describe('views load test', () => {
  let dir: string;
  let nats: TestNats;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loadtest-spec-'));
    // Private: the workers answer the default views subject, which must not meet other tests' workers.
    nats = await spawnNatsServer();
  });
  afterAll(async () => {
    await nats?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('delivers every view exactly once, bit-identical for 1 and 2 workers', async () => {
    const store = openStore(dir);
    const { datasetId } = await importDataset({ source: 'synthetic', count: 512, height: 16, width: 16, channels: 1, classes: 4, seed: 1 }, store, { shardSize: 200 });
    const rows = await runLoadTest({ natsUrl: nats.url, storeDir: dir, datasetId, count: 512, workerCounts: [1, 2], batch: 48, inFlightPerWorker: 3 });
    const expected = await localEpochDigest(store, datasetId, 512, 48);

    expect(rows.map((row) => [row.workers, row.views, row.notExactlyOnce, row.digest])).toEqual([
      [1, 512, [], expected],
      [2, 512, [], expected],
    ]);
    expect(formatRows(rows, expected)).toMatch(/^workers .*\n1 +512 .* yes +[0-9a-f]{16} \(= local\)\n2 +512 .* yes /);
  });
});
