import { Injectable } from '@nestjs/common';
import { Once } from '../../common/once.js';
import { ReferenceIndex } from '../../matching/reference-index.js';
import { ReferenceRepository } from './reference.repository.js';

/**
 * Reference data: as the matcher needs it ({@link ReferenceService.index}, loaded once per process: it changes only with
 * a new seed / release), and as the public reference endpoints list it.
 */
@Injectable()
export class ReferenceService {
  private readonly cached = new Once(async () => {
    const [elements, controlEntries, materialForms, hsCodes] = await Promise.all([
      this.repository.elements(),
      this.repository.controlListEntries(),
      this.repository.materialForms(),
      this.repository.hsCodes(),
    ]);
    return new ReferenceIndex({ elements, controlEntries, materialForms, hsCodes });
  });

  constructor(private readonly repository: ReferenceRepository) {}

  /**
   * The {@link ReferenceIndex} over elements, control-list entries, material forms and HS codes, loaded once (a failed
   * load is retried on the next call). @throws the database error of a failed load.
   */
  index(): Promise<ReferenceIndex> {
    return this.cached.get();
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
