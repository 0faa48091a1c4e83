import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ReferenceIndex } from '../../matching/reference-index.js';
import { TaggerPool, tagText } from '../../matching/tagger-pool.js';
import type { EventText, TaggerOptions } from '../../matching/tagger.js';
import type { ReferenceData, TextTag } from '../../matching/types.js';
import { ReferenceRepository } from './reference.repository.js';

/** Reference data as the matcher needs it, loaded once per process (it changes only with a new seed / release). */
@Injectable()
export class ReferenceService implements OnModuleDestroy {
  private cached?: Promise<ReferenceIndex>;
  private cachedData?: Promise<ReferenceData>;
  private pool?: Promise<TaggerPool>;

  constructor(private readonly repository: ReferenceRepository) {}

  /** The {@link ReferenceIndex} over elements, control-list entries, material forms and HS codes. */
  index(): Promise<ReferenceIndex> {
    this.cached ??= this.data().then((data) => new ReferenceIndex(data));
    return this.cached;
  }

  /** The reference data as loaded from the database (elements, control-list entries, material forms, HS codes). */
  data(): Promise<ReferenceData> {
    this.cachedData ??= (async () => {
      const [elements, controlEntries, materialForms, hsCodes] = await Promise.all([
        this.repository.elements(),
        this.repository.controlListEntries(),
        this.repository.materialForms(),
        this.repository.hsCodes(),
      ]);
      return { elements, controlEntries, materialForms, hsCodes };
    })();
    return this.cachedData;
  }

  /**
   * Tags an event's free text ({@link tagEventText}): inline up to 20,000 characters, in a worker thread (a piscina
   * pool started on first use) beyond, so a long body does not hold the event loop. Same tags either way.
   */
  async tagText(text: EventText, options?: TaggerOptions): Promise<TextTag[]> {
    return tagText(text, await this.index(), () => (this.pool ??= this.data().then((d) => new TaggerPool(d))), options);
  }

  /** Stops the tagger's worker threads. */
  async onModuleDestroy(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await (await pool)?.close();
  }
}
