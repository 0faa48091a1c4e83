import type { AppConfig } from '../../../config/app-config.js';
import type { HttpClient } from '../http-client.js';
import { fetchEach, PayloadError, PolledConnector, type ParsedPayload, type RawPayload } from '../source-connector.js';
import { parseConsolidatedScreeningList } from './csl.js';

export const US_CSL = 'us-csl';

/** Configuration of the US Consolidated Screening List connector: the `sources.csl` part of the one typed config (see docs/sources.md). */
export type CslConfig = AppConfig['sources']['csl'];

/**
 * The US Consolidated Screening List (trade.gov: Entity List, SDN, DPL, UVL, MEU ...). Each run downloads the whole
 * list; the runner hands the entries to the screening service, which stores the snapshot (a complete list: entries
 * no longer in it are marked removed) and re-screens every tenant's suppliers when anything changed.
 */
export class CslConnector extends PolledConnector<CslConfig> {
  readonly name = US_CSL;
  readonly kind = 'SCREENING_LIST' as const;

  constructor(config: CslConfig) {
    super(config);
  }

  fetch(http: HttpClient): AsyncGenerator<RawPayload, void, ParsedPayload | null> {
    return fetchEach(http, [this.config.url], 'application/json, text/csv;q=0.9');
  }

  /** @throws PayloadError for unreadable JSON/CSV, or a list with no usable entry. */
  parse(payload: RawPayload): ParsedPayload {
    const { entries, errors } = parseConsolidatedScreeningList(payload.body);
    if (!entries.length)
      throw new PayloadError(
        `screening list has no usable entry${errors[0] ? ` (first problem: ${errors[0].item}: ${errors[0].message})` : ''}`,
      );
    return { policyChanges: [], permitEvents: [], errors, screening: { entries, complete: true } };
  }
}
