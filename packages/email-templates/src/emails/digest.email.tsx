import { Heading, Link, Section, Text } from '@react-email/components';
import { EmailLayout, theme } from '../components/layout.js';
import { BulletList, paragraph, headline, smallPrint, subheading } from '../components/parts.js';
import { SEVERITY_STYLE, dateTimeFormat, safeHttpUrl, singleLine, truncate } from '../format.js';
import type { DigestAlertItem, DigestTemplateProps } from '../types.js';

/** "8 Mar 2026, 03:30 EDT" in the given zone (Intl, no offsets computed by hand). */
export function formatInstant(iso: string, timeZone: string): string {
  return dateTimeFormat('instant', 'en-GB', INSTANT, timeZone).format(new Date(iso));
}

const INSTANT: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZoneName: 'short',
};
const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };

/** Number of alerts in a digest (an alert counted once even if it sits in two groups). */
export function digestAlertCount(props: Pick<DigestTemplateProps, 'groups'>): number {
  return new Set(props.groups.flatMap((g) => g.alerts.map((a) => a.alertId))).size;
}

/**
 * Subject of a digest, e.g. `Lodestone daily digest: 3 alerts (Dysprosium (Dy), JL MAG) — 8 Mar 2026` or
 * `Lodestone weekly digest: nothing new — 9 Mar 2026`. One line, at most 150 characters.
 */
export function digestSubject(props: DigestTemplateProps): string {
  const kind = props.frequency === 'WEEKLY' ? 'weekly' : 'daily';
  const day = dateTimeFormat('day', 'en-GB', DAY, props.timeZone).format(new Date(props.windowEnd));
  const n = digestAlertCount(props);
  const what =
    n === 0 ? 'nothing new' : `${n} ${n === 1 ? 'alert' : 'alerts'} (${props.groups.map((g) => g.label).join(', ')})`;
  return truncate(singleLine(`Lodestone ${kind} digest: ${what} — ${day}`), 150);
}

const warning = { color: '#b91c1c', fontWeight: 700 } as const;

function plural(n: number, word: string): string {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}

/**
 * The "Sources" section: each enabled source with its last success (in the recipient's zone) and the items it brought
 * in the window; a failing source gets a warning line under it (since its last success, attempts in a row, the last
 * error with its time). Nothing when no source is given.
 */
export function DigestSources({
  sources,
  timeZone,
}: {
  sources: NonNullable<DigestTemplateProps['sources']>;
  timeZone: string;
}) {
  if (!sources.length) return null;
  const at = (iso: string | null) => (iso ? formatInstant(iso, timeZone) : null);
  return (
    <Section>
      <Heading as="h2" style={subheading}>
        Sources
      </Heading>
      <BulletList
        items={sources.map((s) => {
          const line = `${s.source}: last success ${at(s.lastSuccessAt) ?? 'never'}; ${plural(s.itemsNew, 'new item')} in this period`;
          if (!s.failing) return [s.source, line];
          const f = s.failing;
          const since = s.lastSuccessAt ? `since its last success (${at(s.lastSuccessAt)})` : 'and has never succeeded';
          const error = f.lastError ? `: ${truncate(singleLine(f.lastError), 200)}` : '';
          return [
            s.source,
            <>
              {line}
              <div
                style={warning}
              >{`Warning: ${s.source} is failing ${since}, ${plural(f.consecutiveFailures, 'attempt')} in a row; last error ${at(f.lastErrorAt) ?? 'at an unknown time'}${error}`}</div>
            </>,
          ];
        })}
      />
    </Section>
  );
}

/**
 * The digest: the alerts of a window grouped by element or supplier, newest first within a group, then the state of
 * the sources (see {@link DigestSources}); or, when the user asked for them, a "nothing new" mail with the same
 * sources section (or, when no source connector is enabled, the sources of stored events and their latest event).
 */
export function DigestEmail(props: DigestTemplateProps) {
  const n = digestAlertCount(props);
  const period = `${formatInstant(props.windowStart, props.timeZone)} – ${formatInstant(props.windowEnd, props.timeZone)}`;
  const sources = props.sources ?? [];
  return (
    <EmailLayout
      preview={truncate(
        n === 0 ? `Nothing new for ${props.tenantName}` : `${n} new alert(s) for ${props.tenantName}`,
        140,
      )}
      tenantName={props.tenantName}
      preferencesUrl={safeHttpUrl(props.preferencesUrl)}
      unsubscribeUrl={safeHttpUrl(props.unsubscribeUrl)}
    >
      <Heading as="h1" style={headline}>
        {props.frequency === 'WEEKLY' ? 'Your weekly digest' : 'Your daily digest'}
      </Heading>
      <Text
        style={paragraph}
      >{`Hello ${props.recipientName}, here is what Lodestone found for ${props.tenantName} from ${period}.`}</Text>
      {n === 0 ? (
        <Section>
          <Text style={paragraph}>Nothing new matched your watchlist or suppliers in this period.</Text>
          {sources.length === 0 && props.sourcesChecked.length > 0 ? (
            <>
              <Heading as="h2" style={subheading}>
                Sources checked
              </Heading>
              <BulletList
                items={props.sourcesChecked.map((s) => [
                  s.source,
                  `${s.source}: last event ${s.lastEventAt ? formatInstant(s.lastEventAt, props.timeZone) : 'none yet'}`,
                ])}
              />
            </>
          ) : null}
        </Section>
      ) : (
        props.groups.map((group) => (
          <Section key={`${group.kind}:${group.label}`}>
            <Heading as="h2" style={subheading}>
              {group.label}
            </Heading>
            <BulletList
              items={group.alerts.map((a) => {
                const url = safeHttpUrl(a.sourceUrl);
                const style = SEVERITY_STYLE[a.severity] ?? SEVERITY_STYLE.INFO;
                return [
                  a.alertId,
                  <>
                    <span style={{ color: style.background, fontWeight: 700 }}>{`[${a.severity}] `}</span>
                    {url ? (
                      <Link href={url} style={{ color: theme.accent }}>
                        {a.title}
                      </Link>
                    ) : (
                      a.title
                    )}
                    {` — ${a.actionLabel}${a.reference ? `, ${a.reference}` : ''}${a.measureStatus && a.measureStatus !== 'IN_FORCE' ? ` (now ${a.measureStatus.toLowerCase().replace('_', ' ')})` : ''}`}
                    {a.partsImpact ? (
                      <strong>{`. Your parts: ${truncate(singleLine(a.partsImpact), 300)}`}</strong>
                    ) : null}
                    {assessment(a) ? <span style={{ color: theme.muted }}>{`. ${assessment(a)}`}</span> : null}
                  </>,
                ];
              })}
            />
          </Section>
        ))
      )}
      <DigestSources sources={sources} timeZone={props.timeZone} />
      <Text style={smallPrint}>{`Times are shown in ${props.timeZone}.`}</Text>
    </EmailLayout>
  );
}

const IMPACT_WORDS: Record<string, string> = {
  POTENTIAL: 'impact being assessed',
  CONFIRMED: 'impact confirmed',
  NO_IMPACT: 'assessed as no impact',
  RESOLVED: 'impact resolved',
};

/**
 * What the tenant itself recorded about an alert, as one sentence: its answer to "does this apply to us?" and its
 * assessment of the alert's measure, e.g. "Your team: impact confirmed (about 90 days)", "Your team: does not apply
 * (we buy no Dy-bearing parts)". Empty when nobody has recorded anything.
 */
export function assessment(a: DigestAlertItem): string {
  const parts: string[] = [];
  if (a.applies)
    parts.push(
      `${a.applies.applies ? 'applies to us' : 'does not apply'}${a.applies.reason ? ` (${truncate(singleLine(a.applies.reason), 200)})` : ''}`,
    );
  if (a.impact) {
    const words = IMPACT_WORDS[a.impact.status] ?? a.impact.status.toLowerCase();
    const days =
      a.impact.status === 'CONFIRMED' && a.impact.expectedDurationDays != null
        ? ` (about ${a.impact.expectedDurationDays} days)`
        : '';
    parts.push(`${words}${days}`);
  }
  return parts.length ? `Your team: ${parts.join('; ')}` : '';
}

const previewProps: DigestTemplateProps = {
  recipientName: 'Anna Keller',
  tenantName: 'Nordwerk Magnetics GmbH',
  frequency: 'DAILY',
  windowStart: '2025-10-08T06:00:00.000Z',
  windowEnd: '2025-10-09T06:00:00.000Z',
  timeZone: 'Europe/Berlin',
  groups: [
    {
      label: 'Dysprosium (Dy)',
      kind: 'ELEMENT',
      alerts: [
        {
          alertId: '01960127-3b7c-7d2e-9a41-5c3e8f2b6d11',
          title: 'Export controls on rare-earth technologies and items containing Chinese rare earths',
          severity: 'HIGH',
          actionLabel: 'Export control imposed',
          reference: 'MOFCOM Announcement 2025 No. 61',
          createdAt: '2025-10-09T04:00:00.000Z',
          sourceUrl: 'https://www.mofcom.gov.cn/',
          impact: { status: 'CONFIRMED', expectedDurationDays: 90, note: null },
          partsImpact:
            '5 parts in 3 products, EUR 8.2 M annual spend, 2 parts sole-sourced from JL MAG Rare-Earth Co., Ltd.',
        },
      ],
    },
    {
      label: 'JL MAG Rare-Earth Co., Ltd. (江西金力永磁科技股份有限公司)',
      kind: 'SUPPLIER',
      alerts: [
        {
          alertId: '01960127-3b7c-7d2e-9a41-5c3e8f2b6d12',
          title: 'Export licence granted to JL MAG',
          severity: 'MEDIUM',
          actionLabel: 'Export licence granted',
          reference: null,
          createdAt: '2025-10-08T09:00:00.000Z',
          sourceUrl: null,
        },
      ],
    },
  ],
  sourcesChecked: [],
  sources: [
    { source: 'federal-register', lastSuccessAt: '2025-10-09T05:00:00.000Z', itemsNew: 2, failing: null },
    {
      source: 'mofcom',
      lastSuccessAt: '2025-10-07T22:00:00.000Z',
      itemsNew: 1,
      failing: {
        consecutiveFailures: 3,
        lastErrorAt: '2025-10-09T04:00:00.000Z',
        lastError: 'HTTP 503 from https://www.mofcom.gov.cn/',
      },
    },
  ],
};

/** Sample props read by `email dev` and the tests. */
DigestEmail.PreviewProps = previewProps;

export default DigestEmail;
