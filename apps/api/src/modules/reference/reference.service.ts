import { Injectable } from '@nestjs/common';
import { ReferenceIndex } from '../../matching/reference-index.js';
import { ReferenceRepository } from './reference.repository.js';

/** Reference data as the matcher needs it, loaded once per process (it changes only with a new seed / release). */
@Injectable()
export class ReferenceService {
  private cached?: Promise<ReferenceIndex>;

  constructor(private readonly repository: ReferenceRepository) {}

  /** The {@link ReferenceIndex} over elements, control-list entries, material forms and HS codes. */
  index(): Promise<ReferenceIndex> {
    this.cached ??= (async () => {
      const [elements, controlEntries, materialForms, hsCodes] = await Promise.all([
        this.repository.elements(),
        this.repository.controlListEntries(),
        this.repository.materialForms(),
        this.repository.hsCodes(),
      ]);
      return new ReferenceIndex({ elements, controlEntries, materialForms, hsCodes });
    })();
    return this.cached;
  }
}
