import { setImmediate as nextMacrotask } from 'node:timers/promises';

/**
 * Cooperative yielding for long loops on the event loop thread. Awaiting a promise alone does not let timers or I/O
 * run (microtasks drain first); {@link TimeSlicer.maybeYield} gives the event loop a turn (setImmediate) once the
 * current slice has run for `sliceMs` milliseconds, so other requests (e.g. /health) are served in between.
 */
export class TimeSlicer {
  private started = performance.now();

  /** @param sliceMs longest stretch of work between two turns of the event loop, in milliseconds (default 10). */
  constructor(private readonly sliceMs = 10) {}

  /** Yields to the event loop when the current slice is used up; otherwise resolves at once. */
  async maybeYield(): Promise<void> {
    if (performance.now() - this.started < this.sliceMs) return;
    await nextMacrotask();
    this.started = performance.now();
  }

  /** Yields to the event loop now. */
  async yieldNow(): Promise<void> {
    await nextMacrotask();
    this.started = performance.now();
  }
}
