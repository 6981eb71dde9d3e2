/**
 * Gives timers, I/O callbacks and in-process bus deliveries a turn between compute steps. The
 * native and wasm backends resolve `data()` without one, so a training or extraction loop would
 * otherwise hold the event loop for the whole job: no progress line, no NATS heartbeat
 * (`working()`), no SIGTERM handler until it ends.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
