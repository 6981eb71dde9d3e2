import { DistillBus, DistillSubjects } from './distill-bus.js';
import { stderrLogger, type Logger } from './logger.js';
import { MemoryBus } from './memory-bus.js';
import { NatsBus } from './nats-bus.js';

export interface BusConnectionConfig {
  /**
   * "memory" (the default: the embedded bus, one process) or a NATS URL such as
   * "nats://host:4222" or "nats://user:password@host:4222"; several NATS URLs comma-separated.
   */
  url?: string;
  user?: string;
  password?: string;
  token?: string;
  /** Connection name (NATS monitoring), e.g. "teacher-worker". */
  name?: string;
  subjects?: DistillSubjects;
  logger?: Logger;
}

/** Opens the pipeline's bus: in memory, or on NATS with one work-queue stream per job kind. */
export async function openDistillBus(config: BusConnectionConfig = {}): Promise<DistillBus> {
  const subjects = config.subjects ?? new DistillSubjects();
  const logger = config.logger ?? stderrLogger;
  const url = config.url ?? 'memory';
  if (url === 'memory') return new DistillBus(new MemoryBus({ workQueues: subjects.workQueues(), logger }), subjects, logger);

  let { user, password } = config;
  const servers = url.split(',').map((server) => {
    const parsed = new URL(server.trim());
    if (parsed.protocol !== 'nats:') throw new TypeError(`bus url "${parsed.protocol}//${parsed.host}" must be "memory" or nats://host:port`);
    if (parsed.username) {
      user ??= decodeURIComponent(parsed.username);
      password ??= decodeURIComponent(parsed.password);
    }
    return `nats://${parsed.host}`;
  });
  const { token, name } = config;
  const bus = await NatsBus.connect({ servers, user, password, token, name, workQueues: subjects.workQueues(), logger });
  return new DistillBus(bus, subjects, logger);
}
