import { describeBusContract } from './bus.contract.js';
import { MemoryBroker, MemoryBus } from './memory-bus.js';

const broker = new MemoryBroker();

describeBusContract('MemoryBus', () => ({
  connect: async (workQueues, logger) => new MemoryBus({ broker, workQueues, logger }),
  cleanup: async () => {},
}));
