import { afterAll, beforeAll } from 'vitest';
import { describeBusContract } from './bus.contract.js';
import { NatsBus } from './nats-bus.js';
import { deleteStreams, startTestNats, type TestNats } from './testing.js';

let nats: TestNats;
beforeAll(async () => {
  nats = await startTestNats();
});
afterAll(async () => nats?.stop());

describeBusContract('NatsBus', () => ({
  connect: (workQueues, logger) => NatsBus.connect({ servers: nats.url, workQueues, logger, pullExpiresMs: 1_000, name: 'bus-contract' }),
  cleanup: (streams) => deleteStreams(nats.url, streams),
}));
