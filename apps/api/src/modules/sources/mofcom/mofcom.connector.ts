import type { AppConfig } from '../../../config/app-config.js';
import type { ReferenceIndex } from '../../../matching/reference-index.js';
import { textFacts } from '../../../matching/tagger.js';
import { parse as parseHtml, type HTMLElement } from 'node-html-parser';
import type { HttpClient } from '../http-client.js';
import { parseCalendarDate, shanghaiInstant } from '../dates.js';
import {
  fetchEach,
  PayloadError,
  PolledConnector,
  type ItemError,
  type ParseContext,
  type ParsedPayload,
  type RawPayload,
} from '../source-connector.js';

export const MOFCOM = 'mofcom';

/** Configuration of the MOFCOM connector: the `sources.mofcom` part of the one typed config (see docs/sources.md). */
export type MofcomConfig = AppConfig['sources']['mofcom'];

/**
 * MOFCOM / GAC export-control announcements, from two kinds of payload:
 * - a structured announcement (or a list of them) in the shape of shared/data/cn/announcements_index.json
 *   (`id`, `issuer`, `issued`, `effective`, `action`, `elements`, `hs_codes`, `control_codes`, `suspends`, `until` ...);
 * - an announcement page of MOFCOM's export-control site (HTML, Chinese text): title, announcement number
 *   (商务部 海关总署公告2023年第39号), publication time (naive, Asia/Shanghai), effective date (自2023年12月1日起正式实施,
 *   a date), customs codes (参考海关商品编号), elements by their Chinese names, suspensions and their end date.
 * externalIds follow the index: MOFCOM-GAC-<year>-<no> for joint announcements, MOFCOM-<year>-<no> otherwise.
 */
export class MofcomConnector extends PolledConnector<MofcomConfig> {
  readonly name = MOFCOM;
  readonly kind = 'MOFCOM' as const;

  constructor(config: MofcomConfig) {
    super(config, config.pageUrls.length > 0);
  }

  fetch(http: HttpClient): AsyncGenerator<RawPayload, void, ParsedPayload | null> {
    return fetchEach(http, this.config.pageUrls, 'text/html');
  }

  /** @throws PayloadError for unreadable JSON, or HTML without a title, a body or an announcement number. */
  parse(payload: RawPayload, { reference }: ParseContext): ParsedPayload {
    const text = payload.body.replace(/^\uFEFF/, '').trimStart();
    if (text.startsWith('{') || text.startsWith('[') || /json/i.test(payload.contentType ?? ''))
      return parseStructured(text, reference);
    return { policyChanges: [parseAnnouncementPage(text, payload.url, reference)], permitEvents: [], errors: [] };
  }
}

// ---------- structured announcements (announcements_index.json) ----------

const ACTIONS: Record<string, string> = {
  licence_required: 'IMPOSED',
  ban_to_destination: 'IMPOSED',
  extraterritorial_licence_required: 'IMPOSED',
  technology_licence_required: 'IMPOSED',
  suspend: 'SUSPENDED',
  amend: 'AMENDED',
  reinstate: 'REINSTATED',
  lift: 'LIFTED',
  general_licence: 'LICENSING_RULE',
};

const ACTION_EN: Record<string, string> = {
  IMPOSED: 'export licence required',
  SUSPENDED: 'suspension',
  AMENDED: 'amendment',
  REINSTATED: 'reinstatement',
  LIFTED: 'lifted',
  LICENSING_RULE: 'licensing rule',
};

/** "MOFCOM-GAC-2025-18" -> "MOFCOM/GAC Announcement 2025 No. 18"; null for ids of another shape. */
export function referenceOf(id: string): string | null {
  const m = /^(MOFCOM(?:-GAC)?)-(\d{4})-(\d{1,3})$/.exec(id);
  return m ? `${m[1]!.replace('-', '/')} Announcement ${m[2]} No. ${m[3]}` : null;
}

function list(v: unknown): string[] {
  if (Array.isArray(v))
    return v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim());
  return typeof v === 'string' && v.trim() ? [v.trim()] : [];
}

function parseStructured(text: string, reference: ReferenceIndex): ParsedPayload {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PayloadError(`MOFCOM announcement file is not valid JSON: ${(error as Error).message}`);
  }
  const items = Array.isArray(json)
    ? json
    : json && typeof json === 'object' && Array.isArray((json as { announcements?: unknown }).announcements)
      ? (json as { announcements: unknown[] }).announcements
      : [json];
  const out: ParsedPayload = { policyChanges: [], permitEvents: [], errors: [] };
  items.forEach((item, i) => {
    const where = Array.isArray(json) ? `[${i}]` : '(announcement)';
    const mapped = mapAnnouncement(item, where, reference);
    if ('error' in mapped) out.errors.push(mapped.error);
    else out.policyChanges.push(mapped.dto);
  });
  return out;
}

/** Maps one structured announcement to a PolicyChangeDto-shaped object. */
export function mapAnnouncement(
  item: unknown,
  where: string,
  ref: ReferenceIndex,
): { dto: Record<string, unknown> } | { error: ItemError } {
  if (!item || typeof item !== 'object' || Array.isArray(item))
    return { error: { item: where, message: 'announcement is not an object' } };
  const a = item as Record<string, unknown>;
  const id = typeof a.id === 'string' ? a.id.trim() : '';
  if (!id) return { error: { item: `${where}.id`, message: 'missing id' } };
  const action = ACTIONS[String(a.action)];
  if (!action)
    return {
      error: {
        item: `${where}.action`,
        message: `${id}: unknown action ${JSON.stringify(a.action ?? null)} (known: ${Object.keys(ACTIONS).join(', ')})`,
      },
    };
  const issued = a.issued === undefined || a.issued === null ? null : parseCalendarDate(a.issued);
  if (a.issued !== undefined && a.issued !== null && !issued)
    return { error: { item: `${where}.issued`, message: `${id}: unreadable date ${JSON.stringify(a.issued)}` } };
  // `effective` may be a date, or several dates with notes ("2025-12-01 (foreign-made ...)"): the earliest counts.
  const effectiveNotes = list(a.effective);
  const effectiveDates = effectiveNotes
    .map((e) => parseCalendarDate(e.slice(0, 10)))
    .filter((d): d is string => !!d)
    .sort();
  if (effectiveNotes.length && !effectiveDates.length)
    return { error: { item: `${where}.effective`, message: `${id}: unreadable date ${JSON.stringify(a.effective)}` } };
  const until = a.until === undefined || a.until === null ? null : parseCalendarDate(a.until);
  if (a.until !== undefined && a.until !== null && !until)
    return { error: { item: `${where}.until`, message: `${id}: unreadable date ${JSON.stringify(a.until)}` } };

  // Elements: symbols as given ("C (graphite)" -> C); other words go through the free-text tagger and stay in the summary.
  const elements = new Set<string>();
  const otherItems: string[] = [];
  for (const e of list(a.elements)) {
    const symbol = /^([A-Z][a-z]?)(?:\s*\(.*\))?$/.exec(e)?.[1];
    if (symbol) elements.add(symbol);
    else {
      const tagged = textFacts({ body: e }, ref).elements;
      for (const s of tagged) elements.add(s);
      otherItems.push(e);
    }
  }
  const codes = [...list(a.hs_codes), ...list(a.hs_codes_8digit)];
  const hsCodes = codes.filter((c) => /^\d{4,10}$/.test(c));
  const controlEntries = list(a.control_codes).filter((c) => /^\d[A-E]\d{3}(\.[a-z0-9-]+)*$/i.test(c));
  const affectsRaw = list(a.suspends ?? a.amends ?? a.affects);
  const affects = affectsRaw.map((s) => s.split(/\s+/)[0]!);
  const issuer = list(a.issuer).join('/') || 'MOFCOM';
  const reference =
    referenceOf(id) ?? (typeof a.announcement_number === 'string' ? `${issuer} ${a.announcement_number}` : null);
  const symbols = [...elements];
  const title =
    (typeof a.title_zh === 'string' && a.title_zh.trim()) ||
    (typeof a.title === 'string' && a.title.trim()) ||
    `${reference ?? id}: ${ACTION_EN[action]}${symbols.length || otherItems.length ? ` (${[...symbols, ...otherItems].join(', ')})` : ''}${affects.length ? ` of ${affectsRaw.join(', ')}` : ''}`;
  const notes = [
    typeof a.status === 'string' ? `Status: ${a.status}.` : '',
    otherItems.length ? `Items named: ${otherItems.join('; ')}.` : '',
    effectiveNotes.length > 1 ? `Effective: ${effectiveNotes.join('; ')}.` : '',
    affectsRaw.some((s) => s.includes(' ')) ? `Affects: ${affectsRaw.join('; ')}.` : '',
    typeof a.repeals === 'string' ? `Repeals ${a.repeals}.` : '',
    typeof a.notes === 'string' ? `Notes: ${a.notes}.` : '',
    codes.length > hsCodes.length
      ? `Codes not used (not 4-10 digits): ${codes.filter((c) => !hsCodes.includes(c)).join(', ')}.`
      : '',
  ].filter(Boolean);
  const sourceUrl = list(a.sources)
    .map((s) => s.split(/\s/)[0]!)
    .find((s) => /^https?:\/\//.test(s));
  const dto: Record<string, unknown> = {
    source: MOFCOM,
    externalId: id,
    jurisdiction: 'CN',
    issuer,
    action,
    title: title.slice(0, 500),
    summary: notes.join(' '),
    elements: symbols,
    hsCodes,
    controlEntries,
    affects,
    destinations: list(a.destination),
  };
  if (reference) dto.reference = reference;
  if (issued) dto.publishedOn = issued;
  if (effectiveDates[0]) dto.effectiveDate = effectiveDates[0];
  if (until) dto.endDate = until;
  if (sourceUrl) dto.sourceUrl = sourceUrl;
  return { dto };
}

// ---------- announcement pages (HTML) ----------

// "商务部 海关总署公告2023年第39号", "商务部公告2024年第46号", "商务部、国家国防科工委、海关总署公告2006年第50号".
const ISSUERS = '(?:商务部|海关总署|国家国防科工委)(?:\\s*[、　 ]?\\s*(?:商务部|海关总署|国家国防科工委))*';
const NUMBER = new RegExp(`(${ISSUERS})\\s*公告\\s*(\\d{4})\\s*年\\s*第\\s*(\\d{1,3})\\s*号`);

/** Id prefix of an announcement from its issuers: MOFCOM, MOFCOM-GAC, MOFCOM-COSTIND-GAC (as in announcements_index.json). */
function idPrefix(issuers: string): string {
  return ['MOFCOM', /国防科工委/.test(issuers) ? 'COSTIND' : '', /海关总署/.test(issuers) ? 'GAC' : '']
    .filter(Boolean)
    .join('-');
}

function textOf(el: HTMLElement | null): string {
  return (el?.structuredText ?? '').replace(/[ \t\u3000]+/g, ' ').trim();
}

/**
 * Parses one announcement page. Publication times on the site are China Standard Time without a zone: they become
 * instants with +08:00; a date-only publication stays a date (publishedOn).
 * @throws PayloadError when the page has no title, no body text or no announcement number.
 */
export function parseAnnouncementPage(
  html: string,
  url: string | null,
  reference: ReferenceIndex,
): Record<string, unknown> {
  const root = parseHtml(html, { parseNoneClosedTags: true }); // a truncated page keeps what it has
  const meta = (name: string) => root.querySelector(`meta[name="${name}"]`)?.getAttribute('content')?.trim() || null;
  const body =
    root.querySelector('#zoom') ??
    root.querySelector('.art-con') ??
    root.querySelector('.article-content') ??
    root.querySelector('article');
  const bodyText = textOf(body);
  const title =
    meta('ArticleTitle') ?? (textOf(root.querySelector('h1')) || textOf(root.querySelector('title')) || null);
  if (!title) throw new PayloadError('MOFCOM page has no title (meta ArticleTitle, h1 or title)');
  if (!body || bodyText.length < 20)
    throw new PayloadError('MOFCOM page has no announcement text (#zoom, .art-con, .article-content or article)');
  // The page's own number heads the text (or the title); numbers further down are other announcements it cites.
  const number = NUMBER.exec(`${title}\n${bodyText.slice(0, 60)}`);
  if (!number) throw new PayloadError(`MOFCOM page "${title}" names no announcement number (…公告YYYY年第N号)`);
  const joint = /海关总署/.test(number[1]!);
  const externalId = `${idPrefix(number[1]!)}-${number[2]}-${Number(number[3])}`;

  // Publication: meta PubDate or "发布时间：2023-10-20 10:30" (naive, Asia/Shanghai), or a date alone.
  const pubRaw =
    meta('PubDate') ?? /发布(?:时间|日期)[:：]\s*([0-9年月日\-/: ]+\d)/.exec(root.structuredText)?.[1]?.trim() ?? null;
  const publishedAt = pubRaw ? shanghaiInstant(pubRaw) : null;
  const publishedOn = publishedAt ? publishedAt.slice(0, 10) : pubRaw ? parseCalendarDate(pubRaw) : null;

  const effectiveRaw = /自\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*起\s*(?:正式)?(?:实施|施行|执行)/.exec(
    bodyText,
  )?.[1];
  const effectiveDate = effectiveRaw
    ? parseCalendarDate(effectiveRaw.replace(/\s/g, ''))
    : /自(?:公布|发布)之日起(?:正式)?(?:实施|施行)/.test(bodyText)
      ? publishedOn
      : null;
  const endRaw = /至\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)/.exec(bodyText)?.[1];

  const action = /暂停/.test(title)
    ? 'SUSPENDED'
    : /恢复/.test(title)
      ? 'REINSTATED'
      : /(调整|修订|优化)/.test(title)
        ? 'AMENDED'
        : /(取消|废止|停止实施)/.test(title)
          ? 'LIFTED'
          : 'IMPOSED';
  // Other announcements the text names (suspended, amended ...), with the issuer carried along a list: 第55号、第56号.
  const affects: string[] = [];
  if (action !== 'IMPOSED') {
    const refs = new RegExp(
      `(${ISSUERS})?\\s*公告\\s*(\\d{4})\\s*年\\s*((?:第\\s*\\d{1,3}\\s*号\\s*[、，,和及]?\\s*)+)`,
      'g',
    );
    for (const m of bodyText.matchAll(refs)) {
      const prefix = m[1] ? idPrefix(m[1]) : externalId.replace(/-\d{4}-\d+$/, ''); // no issuer named: the same as this one
      for (const n of m[3]!.matchAll(/第\s*(\d{1,3})\s*号/g)) {
        const id = `${prefix}-${m[2]}-${Number(n[1])}`;
        if (id !== externalId && !affects.includes(id)) affects.push(id);
      }
    }
  }
  const tags = textFacts({ title, body: bodyText }, reference);
  const dto: Record<string, unknown> = {
    source: MOFCOM,
    externalId,
    jurisdiction: 'CN',
    issuer: joint ? 'MOFCOM/GAC' : 'MOFCOM',
    action,
    title: title.slice(0, 500),
    summary: bodyText.slice(0, 1000),
    reference: referenceOf(externalId),
    elements: tags.elements,
    hsCodes: tags.hsCodes,
    controlEntries: tags.controlEntries,
    affects,
    destinations: /对美国/.test(`${title}${bodyText}`) ? ['US'] : [],
  };
  if (publishedAt) dto.publishedAt = publishedAt;
  if (publishedOn) dto.publishedOn = publishedOn;
  if (effectiveDate) dto.effectiveDate = effectiveDate;
  if (action === 'SUSPENDED' && endRaw) dto.endDate = parseCalendarDate(endRaw.replace(/\s/g, '')) ?? undefined;
  const canonical = root.querySelector('link[rel="canonical"]')?.getAttribute('href');
  if (url ?? canonical) dto.sourceUrl = url ?? canonical;
  return dto;
}
