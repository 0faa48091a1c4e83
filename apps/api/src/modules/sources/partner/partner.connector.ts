import { PayloadError, type ParsedPayload, type RawPayload, type SourceConnector } from '../source-connector.js';

/**
 * A partner pushing events by signed webhook (POST /v1/partners/:partner/events). The body is an event file
 * `{ "policyChanges": [...], "permitEvents": [...] }` in the ingestion DTO shapes; every item's `source` is set to
 * this connector's name (`partner-<name>`), so a partner cannot write as another source.
 */
export class PartnerConnector implements SourceConnector {
  readonly name: string;
  readonly kind = 'WEBHOOK' as const;
  readonly enabled = true;
  readonly intervalMinutes = null;

  constructor(readonly partner: string) {
    this.name = `partner-${partner}`;
  }

  // Push only: nothing to fetch.
  async *fetch(): AsyncGenerator<RawPayload, void, ParsedPayload | null> {}

  /** @throws PayloadError for unreadable JSON or a body without policyChanges / permitEvents arrays. */
  parse(payload: RawPayload): ParsedPayload {
    let json: unknown;
    try {
      json = JSON.parse(payload.body);
    } catch (error) {
      throw new PayloadError(`partner payload is not valid JSON: ${(error as Error).message}`);
    }
    if (!json || typeof json !== 'object' || Array.isArray(json))
      throw new PayloadError('partner payload must be an object { policyChanges, permitEvents }');
    const file = json as Record<string, unknown>;
    const out: ParsedPayload = { policyChanges: [], permitEvents: [], errors: [] };
    for (const key of ['policyChanges', 'permitEvents'] as const) {
      const list = file[key] ?? [];
      if (!Array.isArray(list)) throw new PayloadError(`${key} must be an array`);
      list.forEach((item, i) => {
        if (!item || typeof item !== 'object' || Array.isArray(item))
          out.errors.push({ item: `${key}[${i}]`, message: 'must be an object' });
        else out[key].push({ ...(item as Record<string, unknown>), source: this.name });
      });
    }
    const unknown = Object.keys(file).filter(
      (k) => k !== 'policyChanges' && k !== 'permitEvents' && !k.startsWith('_'),
    );
    for (const k of unknown)
      out.errors.push({ item: k, message: `${k} is not a known field (expected policyChanges, permitEvents)` });
    return out;
  }
}
