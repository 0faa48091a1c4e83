import type { PolicyAction } from '@lodestone/shared-types';
import type { AppConfig } from '../../../config/app-config.js';
import type { ReferenceIndex } from '../../../matching/reference-index.js';
import { textFacts } from '../../../matching/tagger.js';
import type { HttpClient } from '../http-client.js';
import { parseCalendarDate } from '../dates.js';
import {
  fetchPayload,
  PayloadError,
  PolledConnector,
  type ItemError,
  type ParseContext,
  type ParsedPayload,
  type RawPayload,
} from '../source-connector.js';

/** Configuration of the Federal Register connector: the `sources.federalRegister` part of the one typed config (see docs/sources.md). */
export type FederalRegisterConfig = AppConfig['sources']['federalRegister'];

/** The cursor: the latest publication date seen; the next run asks for documents published on or after it. */
export interface FederalRegisterCursor {
  publicationDateGte: string;
}

// Field list of the FR API v1 (shared/data/us/federal_register_api_format.md); the search endpoint's default omits
// action and effective_on.
const FIELDS = [
  'document_number',
  'title',
  'type',
  'action',
  'abstract',
  'agencies',
  'publication_date',
  'effective_on',
  'dates',
  'citation',
  'html_url',
  'json_url',
  'topics',
  'docket_ids',
  'regulation_id_numbers',
  'start_page',
  'end_page',
];

// Short names of agencies as the trade uses them; FR calls BIS "Industry and Security Bureau".
const AGENCY_NAMES: Record<string, string> = {
  'industry-and-security-bureau': 'BIS',
  'commerce-department': 'Commerce',
  'international-trade-administration': 'ITA',
  'foreign-assets-control-office': 'OFAC',
  'trade-representative-office-of-united-states': 'USTR',
  'state-department': 'State',
  'executive-office-of-the-president': 'EOP',
};

export const FEDERAL_REGISTER = 'federal-register';

/**
 * Federal Register documents API (https://www.federalregister.gov/developers/documentation/api/v1): one search per
 * term, filtered by agency and publication date (the cursor), newest first, following `next_page_url`. Each document
 * becomes a policy change (source "federal-register", externalId = FR document number): Rules are controls imposed,
 * amended or lifted (by title); Proposed Rules, Notices and Presidential Documents are NOTICEs (nothing in force yet).
 */
export class FederalRegisterConnector extends PolledConnector<FederalRegisterConfig> {
  readonly name = FEDERAL_REGISTER;
  readonly kind = 'FEDERAL_REGISTER' as const;

  constructor(config: FederalRegisterConfig) {
    super(config);
  }

  /** The search URL for one term since a date. */
  searchUrl(term: string, since: string): string {
    const q = new URLSearchParams();
    for (const f of FIELDS) q.append('fields[]', f);
    for (const a of this.config.agencies) q.append('conditions[agencies][]', a);
    q.set('conditions[term]', term);
    q.set('conditions[publication_date][gte]', since);
    q.set('order', 'newest');
    q.set('per_page', '100');
    return `${this.config.baseUrl.replace(/\/+$/, '')}/documents.json?${q.toString()}`;
  }

  async *fetch(http: HttpClient, cursor: unknown): AsyncGenerator<RawPayload, void, ParsedPayload | null> {
    const since = (cursor as FederalRegisterCursor | null)?.publicationDateGte ?? this.config.since;
    const terms = this.config.terms.length ? this.config.terms : [''];
    for (const term of terms) {
      let url: string | null = this.searchUrl(term, since);
      for (let page = 0; url && page < this.config.maxPages; page++) {
        const parsed: ParsedPayload | null = yield await fetchPayload(http, url, 'application/json');
        url = parsed?.nextUrl ?? null;
      }
    }
  }

  /**
   * Reads a search envelope `{ count, next_page_url, results: [document] }`, a single document, or a file with
   * `results` (shared/data/us/federal_register_examples.json).
   * @throws PayloadError for anything that is not JSON or has neither `results` nor `document_number`.
   */
  parse(payload: RawPayload, { reference }: ParseContext): ParsedPayload {
    let json: unknown;
    try {
      json = JSON.parse(payload.body);
    } catch (error) {
      throw new PayloadError(`Federal Register payload is not valid JSON: ${(error as Error).message}`);
    }
    if (!json || typeof json !== 'object') throw new PayloadError('Federal Register payload is not a JSON object');
    const envelope = json as Record<string, unknown>;
    let docs: unknown[];
    if (Array.isArray(envelope.results)) docs = envelope.results;
    else if (typeof envelope.document_number === 'string') docs = [envelope];
    else if (envelope.results === undefined && typeof envelope.count === 'number' && envelope.count === 0) docs = [];
    else throw new PayloadError('Federal Register payload has no results array and is not a document');

    const out: ParsedPayload = { policyChanges: [], permitEvents: [], errors: [] };
    let latest: string | null = null;
    for (const [i, doc] of docs.entries()) {
      const where = Array.isArray(envelope.results) ? `results[${i}]` : '(document)';
      const mapped = mapDocument(doc, where, reference);
      if ('error' in mapped) {
        out.errors.push(mapped.error);
        continue;
      }
      out.policyChanges.push(mapped.dto);
      if (mapped.publishedOn && (!latest || mapped.publishedOn > latest)) latest = mapped.publishedOn;
    }
    if (latest) out.cursor = { publicationDateGte: latest } satisfies FederalRegisterCursor;
    out.nextUrl = typeof envelope.next_page_url === 'string' && envelope.next_page_url ? envelope.next_page_url : null;
    return out;
  }
}

type Mapped = { dto: Record<string, unknown>; publishedOn: string | null } | { error: ItemError };

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

/**
 * Maps one FR document record to a PolicyChangeDto-shaped object; elements, HS codes and control-list entries come
 * from the free-text tagger over the title, abstract and topics.
 */
export function mapDocument(doc: unknown, where: string, reference: ReferenceIndex): Mapped {
  if (!doc || typeof doc !== 'object') return { error: { item: where, message: 'document is not an object' } };
  const d = doc as Record<string, unknown>;
  const number = str(d.document_number);
  if (!number) return { error: { item: `${where}.document_number`, message: 'missing document_number' } };
  const title = str(d.title);
  if (!title) return { error: { item: `${where}.title`, message: `FR Doc. ${number}: missing title` } };
  // A missing date stays missing (one recorded notice has none); a date we cannot read rejects the item.
  const dates: Record<'publication_date' | 'effective_on', string | null> = {
    publication_date: null,
    effective_on: null,
  };
  for (const field of ['publication_date', 'effective_on'] as const) {
    const raw = d[field];
    if (raw === null || raw === undefined || raw === '') continue;
    dates[field] = parseCalendarDate(raw);
    if (!dates[field])
      return {
        error: { item: `${where}.${field}`, message: `FR Doc. ${number}: unreadable ${field} ${JSON.stringify(raw)}` },
      };
  }
  const publishedOn = dates.publication_date;
  const effectiveDate = dates.effective_on;
  const type = str(d.type) ?? 'Unknown';
  const action = str(d.action);
  const agencies = Array.isArray(d.agencies)
    ? (d.agencies as Record<string, unknown>[]).filter((a) => a && typeof a === 'object')
    : [];
  const slugs = agencies.map((a) => str(a.slug)).filter((s): s is string => !!s);
  const issuer =
    (slugs.includes('industry-and-security-bureau') && 'BIS') ||
    slugs.map((s) => AGENCY_NAMES[s]).find((n) => n && n !== 'Commerce') ||
    (slugs.includes('commerce-department') ? 'Commerce' : null) ||
    str(agencies[0]?.name) ||
    (type === 'Presidential Document' ? 'President of the United States' : 'Federal Register');
  const abstract = str(d.abstract) ?? '';
  const topics = Array.isArray(d.topics) ? d.topics.filter((t): t is string => typeof t === 'string') : [];
  const tags = textFacts({ title, summary: abstract, body: topics.join('; ') }, reference);
  const citation = str(d.citation);
  const agencyNames = agencies
    .map((a) => str(a.name))
    .filter(Boolean)
    .join('; ');
  const summary = [
    abstract,
    `Federal Register ${type}${action ? ` (${action.replace(/\.$/, '')})` : ''}, published ${publishedOn ?? '(date not given)'}` +
      `${effectiveDate ? `, effective ${effectiveDate}` : ''}${agencyNames ? `; agencies: ${agencyNames}` : ''}.`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const htmlUrl = str(d.html_url) ?? `https://www.federalregister.gov/d/${number}`;
  const dto: Record<string, unknown> = {
    source: FEDERAL_REGISTER,
    externalId: number,
    jurisdiction: 'US',
    issuer,
    action: policyAction(type, title),
    title: title.slice(0, 500),
    summary: summary.slice(0, 20000),
    reference: `FR Doc. ${number}${citation ? `, ${citation}` : ''}`,
    elements: tags.elements,
    hsCodes: tags.hsCodes,
    controlEntries: tags.controlEntries,
    sourceUrl: htmlUrl,
  };
  if (publishedOn) dto.publishedOn = publishedOn;
  if (effectiveDate) dto.effectiveDate = effectiveDate;
  return { dto, publishedOn };
}

/** Rule -> IMPOSED / LIFTED / AMENDED / TARIFF by its title; anything else (proposal, notice, presidential) -> NOTICE. */
export function policyAction(type: string, title: string): PolicyAction {
  if (!/^rule$/i.test(type)) return 'NOTICE';
  if (/\b(tariff|duties|duty)\b/i.test(title)) return 'TARIFF';
  if (/\b(addition|additions|adds?|expansion|imposition|new controls?)\b/i.test(title)) return 'IMPOSED';
  if (/\b(removal|removals|removes?|rescission|revocation)\b/i.test(title)) return 'LIFTED';
  if (/\b(revision|revisions|amendments?|amends?|corrections?|clarifications?)\b/i.test(title)) return 'AMENDED';
  return 'IMPOSED';
}
