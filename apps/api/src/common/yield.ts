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

/**
 * This thread's CPU time in milliseconds (user + system; the wall clock where the runtime cannot tell). Work that
 * runs on the event loop thread without yielding (a PGlite statement, its result's decoding) is measured with it
 * rather than with the wall clock, which on a loaded machine also counts the time other processes held the core.
 */
export const threadCpuMs: () => number =
  typeof process.threadCpuUsage === 'function'
    ? () => {
        const u = process.threadCpuUsage();
        return (u.user + u.system) / 1000;
      }
    : () => performance.now();

/**
 * The next size of a unit of work (rows per statement) after `size` took `tookMs` (see {@link threadCpuMs}):
 * proportional to `targetMs / tookMs`, at most doubling or quartering, within `min..max`.
 */
export function adaptSize(size: number, tookMs: number, targetMs: number, min: number, max: number): number {
  const factor = Math.min(2, Math.max(0.25, targetMs / Math.max(tookMs, 0.1)));
  return Math.min(max, Math.max(min, Math.round(size * factor)));
}
