import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Once } from '../../common/once.js';
import { ReferenceIndex } from '../../matching/reference-index.js';
import { TaggerPool, tagText } from '../../matching/tagger-pool.js';
import type { EventText, TaggerOptions } from '../../matching/tagger.js';
import type { ReferenceData, TextTag } from '../../matching/types.js';
import { ReferenceRepository } from './reference.repository.js';

/**
 * Reference data: as the matcher needs it ({@link ReferenceService.index}, loaded once per process: it changes only with
 * a new seed / release), as the public reference endpoints list it, and the free-text tagger over it.
 */
@Injectable()
export class ReferenceService implements OnModuleDestroy {
  private readonly cachedData = new Once(async (): Promise<ReferenceData> => {
    const [elements, controlEntries, materialForms, hsCodes] = await Promise.all([
      this.repository.elements(),
      this.repository.controlListEntries(),
      this.repository.materialForms(),
      this.repository.hsCodes(),
    ]);
    return { elements, controlEntries, materialForms, hsCodes };
  });
  private readonly cached = new Once(async () => new ReferenceIndex(await this.cachedData.get()));
  /** The tagger's worker pool, started on first long text (a failed start is retried on the next call). */
  private readonly pool = new Once(async () => {
    const pool = new TaggerPool(await this.data());
    this.startedPool = pool;
    return pool;
  });
  private startedPool?: TaggerPool;

  constructor(private readonly repository: ReferenceRepository) {}

  /**
   * The {@link ReferenceIndex} over elements, control-list entries, material forms and HS codes, loaded once (a failed
   * load is retried on the next call). @throws the database error of a failed load.
   */
  index(): Promise<ReferenceIndex> {
    return this.cached.get();
  }

  /**
   * The reference data as loaded from the database (elements, control-list entries, material forms, HS codes), once
   * per process (a failed load is retried). @throws the database error of a failed load.
   */
  data(): Promise<ReferenceData> {
    return this.cachedData.get();
  }

  /**
   * Tags an event's free text ({@link tagEventText}): inline up to 20,000 characters, in a worker thread (a piscina
   * pool started on first use) beyond, so a long body does not hold the event loop. Same tags either way.
   */
  async tagText(text: EventText, options?: TaggerOptions): Promise<TextTag[]> {
    return tagText(text, await this.index(), () => this.pool.get(), options);
  }

  /** Stops the tagger's worker threads. */
  async onModuleDestroy(): Promise<void> {
    const pool = this.startedPool;
    this.startedPool = undefined;
    await pool?.close();
  }

  /** Every element, by atomic number. */
  elements() {
    return this.repository.elements();
  }

  /** Control-list entries, optionally only those naming `elementSymbol` or of one announcement. */
  controlListEntries(filter: { elementSymbol?: string; announcementId?: string } = {}) {
    return this.repository.controlListEntries(filter);
  }

  /** Every material form. */
  materialForms() {
    return this.repository.materialForms();
  }

  /** HS headings and tariff lines, optionally only those starting with `prefix` (digits). */
  hsCodes(prefix?: string) {
    return this.repository.hsCodes(prefix);
  }
}
