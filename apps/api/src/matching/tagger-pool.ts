import { Piscina } from 'piscina';
import { type EventText, type TaggerOptions, tagEventText } from './tagger.js';
import type { ReferenceIndex } from './reference-index.js';
import type { ReferenceData, TextTag } from './types.js';

/**
 * Texts longer than this many characters (title, summary and body together) are tagged in a worker thread: tagging
 * takes roughly 7 ms per 1,000 Chinese characters, so a 480 KB body would hold the event loop for seconds; shorter
 * texts are tagged inline (a worker round trip costs more than tagging them).
 */
export const WORKER_TAGGING_THRESHOLD = 20_000;

/** Total characters of an event's free text. */
export function textLength(text: EventText): number {
  return (text.title?.length ?? 0) + (text.summary?.length ?? 0) + (text.body?.length ?? 0);
}

/**
 * The event tagger ({@link tagEventText}) on a piscina pool of worker threads, for long texts. Each worker builds its
 * own ReferenceIndex from the reference data given here once. Tags are the same as inline tagging's.
 */
export class TaggerPool {
  private readonly pool: Piscina;

  /**
   * @param reference the reference data the index is built from (as ReferenceService loads it).
   * @param maxThreads worker threads (default 1: tagging long texts is rare; the API shares its cores).
   */
  constructor(reference: ReferenceData, maxThreads = 1) {
    const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
    this.pool = new Piscina({
      filename: new URL(`./tagger.worker.${ext}`, import.meta.url).href,
      workerData: { reference },
      minThreads: 0,
      maxThreads,
      idleTimeout: 60_000,
    });
  }

  /** Tags `text` in a worker thread. @returns the tags, as {@link tagEventText} would. */
  tag(text: EventText, options?: TaggerOptions): Promise<TextTag[]> {
    return this.pool.run({ text, options });
  }

  /** Stops the workers (waits for running tasks). */
  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * Tags `text` inline when it is at most {@link WORKER_TAGGING_THRESHOLD} characters, otherwise on `pool()` (created
 * on first use by the caller).
 */
export async function tagText(
  text: EventText,
  ref: ReferenceIndex,
  pool: () => Promise<TaggerPool>,
  options?: TaggerOptions,
): Promise<TextTag[]> {
  if (textLength(text) <= WORKER_TAGGING_THRESHOLD) return tagEventText(text, ref, options);
  return (await pool()).tag(text, options);
}
