// Worker-thread entry of the tagger pool (tagger-pool.ts): tags one event text per task with the reference data the
// pool was created with. Loaded by piscina from dist/ (compiled .js) in production; from src/ (.ts, Node's type
// stripping) in tests, where relative ".js" imports are resolved to the ".ts" sources by the hook below.
import { registerHooks } from 'node:module';
import { workerData } from 'node:worker_threads';
import type { ReferenceData, TextTag } from './types.js';
import type { EventText, TaggerOptions } from './tagger.js';

if (import.meta.url.endsWith('.ts')) {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        if (specifier.startsWith('.') && specifier.endsWith('.js'))
          return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
        throw error;
      }
    },
  });
}

const { ReferenceIndex } = await import('./reference-index.js');
const { tagEventText } = await import('./tagger.js');
const ref = new ReferenceIndex((workerData as { reference: ReferenceData }).reference);

/** One task: `{ text, options }` → the tags {@link tagEventText} finds. */
export default function tag(task: { text: EventText; options?: TaggerOptions }): TextTag[] {
  return tagEventText(task.text, ref, task.options);
}
