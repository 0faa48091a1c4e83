import type { PolicyAction } from '@lodestone/shared-types';
import type { AppConfig } from '../../../config/app-config.js';
import { textFacts } from '../../../matching/tagger.js';
import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { HttpClient } from '../http-client.js';
import { parseCalendarDate } from '../dates.js';
import {
  fetchEach,
  PayloadError,
  PolledConnector,
  type ParseContext,
  type ParsedPayload,
  type RawPayload,
} from '../source-connector.js';

export const NEWS = 'news';

/** Configuration of the news connector: the `sources.news` part of the one typed config (see docs/sources.md). */
export type NewsConfig = AppConfig['sources']['news'];

// An item is kept only when it is about the platform's subject: a tagged element or code, or one of these words.
const RELEVANT =
  /rare[ -]earth|critical mineral|export control|export licen[cs]e|entity list|dual[- ]use|稀土|出口管制|两用物项|出口许可/i;

/**
 * News feeds (RSS and Atom, parsed with fast-xml-parser). Each relevant item becomes a policy change of source "news"
 * with `official: false`: it is kept and matched like any event, but lower-confidence, and the alert email labels it
 * "News report, not an official measure". The action is guessed from words in the headline (suspend, lift, tariff,
 * licence ...; NOTICE when none), the jurisdiction from the countries named.
 */
export class NewsConnector extends PolledConnector<NewsConfig> {
  readonly name = NEWS;
  readonly kind = 'NEWS' as const;

  constructor(config: NewsConfig) {
    super(config, config.feedUrls.length > 0);
  }

  fetch(http: HttpClient): AsyncGenerator<RawPayload, void, ParsedPayload | null> {
    return fetchEach(
      http,
      this.config.feedUrls,
      'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5',
    );
  }

  /** @throws PayloadError when the XML is not well-formed or is neither RSS nor Atom. */
  parse(payload: RawPayload, { reference }: ParseContext): ParsedPayload {
    const valid = XMLValidator.validate(payload.body);
    if (valid !== true)
      throw new PayloadError(`news feed is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
    const xml = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      textNodeName: '#text',
      processEntities: true,
      htmlEntities: true,
    }).parse(payload.body);
    const feed = readFeed(xml);
    if (!feed)
      throw new PayloadError('news feed is neither RSS (rss/channel/item, rdf:RDF/item) nor Atom (feed/entry)');
    const out: ParsedPayload = { policyChanges: [], permitEvents: [], errors: [] };
    for (const [i, item] of feed.items.entries()) {
      const where = `items[${i}]`;
      if (!item.title) {
        out.errors.push({ item: where, message: 'item has no title' });
        continue;
      }
      const text = `${item.title}\n${item.summary}`;
      const tags = textFacts({ title: item.title, summary: item.summary }, reference);
      if (!RELEVANT.test(text) && !tags.elements.length && !tags.controlEntries.length) continue; // off-topic: not an event
      const jurisdiction = jurisdictionOf(text);
      if (!jurisdiction) {
        out.errors.push({
          item: where,
          message: `"${item.title.slice(0, 80)}": no jurisdiction named (China, US, EU ...)`,
        });
        continue;
      }
      const id = item.id ?? item.link ?? `${item.title}|${item.date ?? ''}`;
      const dto: Record<string, unknown> = {
        source: NEWS,
        externalId: id.length <= 200 ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`,
        jurisdiction,
        issuer: `News: ${feed.title || 'feed'}`.slice(0, 100),
        action: actionOf(item.title),
        title: item.title.slice(0, 500),
        summary: item.summary.slice(0, 2000),
        elements: tags.elements,
        hsCodes: tags.hsCodes,
        controlEntries: tags.controlEntries,
        official: false,
      };
      if (item.link && /^https?:\/\//.test(item.link)) dto.sourceUrl = item.link;
      if (item.date) {
        const when = readDate(item.date);
        if (when.instant) dto.publishedAt = when.instant;
        else if (when.date) dto.publishedOn = when.date;
        // Kept without a date, and said so: the item itself is still news.
        else
          out.errors.push({
            item: `${where}.date`,
            message: `"${item.title.slice(0, 80)}": date ${JSON.stringify(item.date)} not understood; kept without a date`,
          });
      }
      out.policyChanges.push(dto);
    }
    return out;
  }
}

interface FeedItem {
  title: string;
  link: string | null;
  id: string | null;
  date: string | null;
  summary: string;
}

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim();
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object') return text((v as Record<string, unknown>)['#text']);
  return '';
}

function stripHtml(s: string): string {
  return s
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function arr(v: unknown): Record<string, unknown>[] {
  return (Array.isArray(v) ? v : v ? [v] : []).filter(
    (x): x is Record<string, unknown> => !!x && typeof x === 'object',
  );
}

function readFeed(xml: Record<string, unknown>): { title: string; items: FeedItem[] } | null {
  const rss = (xml.rss as Record<string, unknown> | undefined)?.channel as Record<string, unknown> | undefined;
  const rdf = xml['rdf:RDF'] as Record<string, unknown> | undefined;
  if (rss || rdf) {
    const channel = rss ?? (rdf!.channel as Record<string, unknown>) ?? {};
    const items = arr(rss ? rss.item : rdf!.item).map((i) => ({
      title: stripHtml(text(i.title)),
      link: text(i.link) || null,
      id: text(i.guid) || text(i['@rdf:about']) || null,
      date: text(i.pubDate) || text(i['dc:date']) || null,
      summary: stripHtml(text(i.description) || text(i['content:encoded'])),
    }));
    return { title: stripHtml(text(channel.title)), items };
  }
  const feed = xml.feed as Record<string, unknown> | undefined;
  if (feed) {
    const items = arr(feed.entry).map((e) => {
      const links = arr(e.link);
      const link = links.find((l) => !l['@rel'] || l['@rel'] === 'alternate') ?? links[0];
      return {
        title: stripHtml(text(e.title)),
        link: (link?.['@href'] as string | undefined) ?? null,
        id: text(e.id) || null,
        date: text(e.published) || text(e.updated) || null,
        summary: stripHtml(text(e.summary) || text(e.content)),
      };
    });
    return { title: stripHtml(text(feed.title)), items };
  }
  return null;
}

/**
 * A feed date: RFC 822 (RSS: "Tue, 04 Nov 2025 08:00:00 GMT") or ISO 8601 with a zone (Atom) give an instant; a
 * date-only or zone-less value gives a calendar date when unambiguous (never 07/11/2025); anything else neither.
 */
export function readDate(raw: string): { instant?: string; date?: string } {
  const s = raw.trim();
  if (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) ||
    /^(\w{3},\s*)?\d{1,2}\s+\w{3}\s+\d{4}\s+\d{2}:\d{2}(:\d{2})?\s*(GMT|UT|UTC|Z|[+-]\d{4}|[ECMP][SD]T)$/.test(s)
  ) {
    const t = Date.parse(s);
    if (!Number.isNaN(t)) return { instant: new Date(t).toISOString() };
  }
  // 07/11/2025 is 11 July in the US and 7 November elsewhere: a feed of unknown origin cannot say which.
  if (/^\d{1,2}\/\d{1,2}\/\d{4}/.test(s)) return {};
  const date = parseCalendarDate(s) ?? parseCalendarDate(s.replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, ''));
  return date ? { date } : {};
}

function jurisdictionOf(text: string): string | null {
  if (/\b(China|Chinese|Beijing|MOFCOM)\b|中国|商务部|海关总署/.test(text)) return 'CN';
  if (/\b(U\.S\.|US|United States|BIS|Commerce Department|White House|Federal Register)\b|美国/.test(text)) return 'US';
  if (/\b(EU|European Union|European Commission)\b|欧盟/.test(text)) return 'EU';
  return null;
}

/** A news headline's policy action by its verbs (English and Chinese); NOTICE when none says what changed. */
function actionOf(title: string): PolicyAction {
  if (/\b(suspend|suspends|suspended|pause|pauses|halt|halts)\b|暂停/i.test(title)) return 'SUSPENDED';
  if (/\b(resume|resumes|reinstate|reinstates)\b|恢复/i.test(title)) return 'REINSTATED';
  if (/\b(lift|lifts|lifted|scrap|scraps|remove|removes)\b|取消/i.test(title)) return 'LIFTED';
  if (/\btariffs?\b|关税/i.test(title)) return 'TARIFF';
  if (
    /\b(licen[cs]es?|licensing)\b|许可/i.test(title) &&
    !/\b(impose|imposes|widen|widens|expand|expands)\b/i.test(title)
  )
    return 'LICENSING_RULE';
  if (
    /\b(impose|imposes|widen|widens|expand|expands|ban|bans|restrict|restricts|extends|tighten|tightens)\b|管制/i.test(
      title,
    )
  )
    return 'IMPOSED';
  return 'NOTICE';
}
