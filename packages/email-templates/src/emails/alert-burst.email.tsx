import { Heading, Link, Section, Text } from '@react-email/components';
import { SEVERITY_ORDER, type Severity } from '@lodestone/shared-types';
import { EmailLayout } from '../components/layout.js';
import { headline, paragraph, smallPrint } from '../components/parts.js';
import { SEVERITY_STYLE, safeHttpUrl, singleLine, truncate } from '../format.js';
import type { AlertBurstItem, AlertBurstTemplateProps } from '../types.js';

/** Most alerts an `alert-burst` email lists one by one; the others are counted ("and 12 more alerts"). */
export const MAX_BURST_LISTED = 200;

/** The highest severity among `alerts` (INFO when empty). */
export function burstSeverity(alerts: readonly Pick<AlertBurstItem, 'severity'>[]): Severity {
  let top = 0;
  for (const a of alerts) top = Math.max(top, SEVERITY_ORDER.indexOf(a.severity));
  return SEVERITY_ORDER[top] ?? 'INFO';
}

/** Distinct matched labels of all the alerts, in first-seen order. */
function allLabels(alerts: readonly AlertBurstItem[]): string[] {
  const out: string[] = [];
  for (const a of alerts)
    for (const l of a.matchedLabels ?? []) {
      const clean = singleLine(l);
      if (clean && !out.includes(clean)) out.push(clean);
    }
  return out;
}

/**
 * Subject of the `alert-burst` email: the highest severity, the count and the window, and what matched, e.g.
 * `[HIGH] 12 alerts in the last 2 minutes — matches Dy, Tb, HS 2846 +2 more` (one line, at most 150 characters).
 */
export function alertBurstSubject(props: AlertBurstTemplateProps): string {
  const n = props.alerts.length;
  const minutes = Math.max(1, Math.round(props.windowMinutes));
  const labels = allLabels(props.alerts);
  let matches = '';
  for (let shown = labels.length; shown >= 1; shown--) {
    const rest = labels.length - shown;
    matches = ` — matches ${labels.slice(0, shown).join(', ')}${rest ? ` +${rest} more` : ''}`;
    if (matches.length <= 60) break;
  }
  const head = `[${burstSeverity(props.alerts)}] ${n} ${n === 1 ? 'alert' : 'alerts'} in the last ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  return truncate(singleLine(`${head}${matches}`), 150);
}

/** One alert of the list: severity badge and linked title, what happened, what matched, its first reason. */
function BurstItem({ item }: { item: AlertBurstItem }) {
  const style = SEVERITY_STYLE[item.severity] ?? SEVERITY_STYLE.INFO;
  const url = safeHttpUrl(item.alertUrl);
  const what = [item.actionLabel, item.reference].filter((s) => s && s.trim() !== '').join(' · ');
  const more = Math.max(0, item.reasonsTotal - (item.reason ? 1 : 0));
  return (
    <Section style={{ borderTop: '1px solid #d9dee3', padding: '10px 0' }} data-alert-id={item.alertId}>
      <Text style={{ ...paragraph, margin: '0 0 4px' }}>
        <span
          style={{
            backgroundColor: style.background,
            borderRadius: '3px',
            color: style.color,
            fontSize: '11px',
            fontWeight: 700,
            padding: '2px 6px',
          }}
        >
          {item.severity}
        </span>{' '}
        {url ? <Link href={url}>{item.title}</Link> : item.title}
      </Text>
      {what ? <Text style={{ ...smallPrint, margin: '0 0 2px' }}>{what}</Text> : null}
      {item.matchedLabels?.length ? (
        <Text style={{ ...smallPrint, margin: '0 0 2px' }}>{`Matched: ${item.matchedLabels.join(', ')}`}</Text>
      ) : null}
      {item.reason ? (
        <Text style={{ ...paragraph, fontSize: '14px', margin: '0' }}>
          {`Why: ${item.reason}${more > 0 ? ` (and ${more} more ${more === 1 ? 'reason' : 'reasons'})` : ''}`}
        </Text>
      ) : null}
      <Text style={{ ...smallPrint, margin: '2px 0 0' }}>{`Alert ID: ${item.alertId}`}</Text>
    </Section>
  );
}

/**
 * The email of a burst: several immediate alerts of one recipient within the email burst window
 * (EMAIL_BURST_WINDOW_SECONDS), listed in one message instead of one email each: per alert its severity, its title
 * linked to the alert, what happened, what matched and its first reason. At most {@link MAX_BURST_LISTED} are listed;
 * the rest are counted, with a link to the console's alert list (`alertsUrl`). CRITICAL alerts never come this way (they go alone, at once).
 *
 * @param props - {@link AlertBurstTemplateProps}; alerts oldest first.
 * @returns the email element; never throws for well-typed props.
 */
export function AlertBurstEmail(props: AlertBurstTemplateProps) {
  const n = props.alerts.length;
  const minutes = Math.max(1, Math.round(props.windowMinutes));
  const listed = props.alerts.slice(0, MAX_BURST_LISTED);
  const rest = n - listed.length;
  const alertsUrl = safeHttpUrl(props.alertsUrl);
  return (
    <EmailLayout
      preview={truncate(singleLine(`${n} alerts for ${props.tenantName}: ${props.alerts[0]?.title ?? ''}`), 140)}
      tenantName={props.tenantName}
      preferencesUrl={safeHttpUrl(props.preferencesUrl)}
      unsubscribeUrl={safeHttpUrl(props.unsubscribeUrl)}
    >
      <Heading as="h1" style={headline}>
        {`${n} new alerts in the last ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`}
      </Heading>
      <Text style={paragraph}>
        {`Hello ${props.recipientName}, Lodestone matched ${n} events to what ${props.tenantName} watches in a short time, so they come in one email instead of ${n}.`}
      </Text>
      {listed.map((item) => (
        <BurstItem key={item.alertId} item={item} />
      ))}
      {rest > 0 ? (
        <Text style={paragraph}>
          {`and ${rest} more ${rest === 1 ? 'alert' : 'alerts'}: `}
          {alertsUrl ? <Link href={alertsUrl}>see them in Lodestone</Link> : 'see them in Lodestone'}.
        </Text>
      ) : null}
    </EmailLayout>
  );
}

AlertBurstEmail.PreviewProps = {
  recipientName: 'Anna Keller',
  tenantName: 'Nordwerk Magnetics GmbH',
  windowMinutes: 2,
  alerts: [
    {
      alertId: '01960127-3b7c-7d2e-9a41-5c3e8f2b6d10',
      severity: 'HIGH',
      title: 'China imposes export controls on seven medium and heavy rare earths (Sm, Gd, Tb, Dy, Lu, Sc, Y)',
      actionLabel: 'Export licence required',
      reference: 'MOFCOM/GAC Announcement 2025 No. 18',
      matchedLabels: ['Dy', 'Tb'],
      reason: 'Your watch on dysprosium (Dy) matches: the measure lists dysprosium.',
      reasonsTotal: 2,
      alertUrl: 'http://localhost:3000/v1/alerts/01960127-3b7c-7d2e-9a41-5c3e8f2b6d10',
    },
    {
      alertId: '01960127-3b7c-7d2e-9a41-5c3e8f2b6d11',
      severity: 'MEDIUM',
      title: 'Export licence granted to JL MAG Rare-Earth Co., Ltd. for NdFeB magnets',
      actionLabel: 'Export licence granted',
      reference: null,
      matchedLabels: ['JL MAG Rare-Earth Co., Ltd.'],
      reason: 'Your supplier JL MAG Rare-Earth Co., Ltd. is named in the licence.',
      reasonsTotal: 1,
      alertUrl: 'http://localhost:3000/v1/alerts/01960127-3b7c-7d2e-9a41-5c3e8f2b6d11',
    },
  ],
  alertsUrl: 'http://localhost:3000/alerts',
} satisfies AlertBurstTemplateProps;

export default AlertBurstEmail;
