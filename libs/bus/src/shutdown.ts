import type { DrainOptions } from './bus.js';
import { errorMessage, stderrLogger, type Logger } from './logger.js';

export interface DrainOnSignalsOptions extends DrainOptions {
  signals?: NodeJS.Signals[];
  logger?: Logger;
}

/**
 * On SIGTERM or SIGINT (Kubernetes stopping a pod, Ctrl-C): drains `target` (a Bus or
 * DistillBus: stop pulling, finish or hand back running jobs) and exits, 0 when the drain
 * succeeded. Returns a function that removes the handlers.
 */
export function drainOnSignals(target: { drain(options?: DrainOptions): Promise<void> }, options: DrainOnSignalsOptions = {}): () => void {
  const { signals = ['SIGTERM', 'SIGINT'], logger = stderrLogger, ...drainOptions } = options;
  const remove = () => signals.forEach((signal) => process.off(signal, onSignal));
  function onSignal(signal: NodeJS.Signals): void {
    remove(); // a second signal gets the default behaviour: exit at once
    logger.info('bus: draining before exit', { signal });
    target.drain(drainOptions).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('bus: drain failed', { error: errorMessage(error) });
        process.exit(1);
      },
    );
  }
  signals.forEach((signal) => process.on(signal, onSignal));
  return remove;
}
