import { Heading, Text } from '@react-email/components';
import { EmailLayout } from '../components/layout.js';
import { BulletList, CtaButton, headline, paragraph, smallPrint } from '../components/parts.js';
import { safeHttpUrl, singleLine, truncate } from '../format.js';
import type { ExpiryReminderTemplateProps } from '../types.js';

function inDays(daysLeft: number): string {
  return daysLeft <= 0 ? 'today' : daysLeft === 1 ? 'in 1 day' : `in ${daysLeft} days`;
}

/**
 * Subject of a reminder, e.g. `[Reminder] Export licence of JL MAG ends in 7 days (2026-12-01)` or
 * `[Reminder] Suspension ends in 30 days (2026-11-10): MOFCOM Announcement 2025 No. 61 back in force`.
 */
export function expiryReminderSubject(p: ExpiryReminderTemplateProps): string {
  const s =
    p.kind === 'PERMIT_EXPIRY'
      ? `[Reminder] Export licence${p.exporterName ? ` of ${p.exporterName}` : ''} ends ${inDays(p.daysLeft)} (${p.endDate})`
      : `[Reminder] Suspension ends ${inDays(p.daysLeft)} (${p.endDate}): ${p.concerned.join(', ') || p.title} back in force`;
  return truncate(singleLine(s), 150);
}

/** A reminder that a supplier's export licence runs out, or that a suspension of controls lapses, on a date. */
export function ExpiryReminderEmail(p: ExpiryReminderTemplateProps) {
  const url = safeHttpUrl(p.sourceUrl);
  return (
    <EmailLayout
      preview={expiryReminderSubject(p)}
      tenantName={p.tenantName}
      preferencesUrl={safeHttpUrl(p.preferencesUrl)}
      unsubscribeUrl={safeHttpUrl(p.unsubscribeUrl)}
    >
      <Heading as="h1" style={headline}>
        {p.kind === 'PERMIT_EXPIRY'
          ? `Export licence ends ${inDays(p.daysLeft)}`
          : `Suspension of controls ends ${inDays(p.daysLeft)}`}
      </Heading>
      <Text style={paragraph}>
        {p.kind === 'PERMIT_EXPIRY'
          ? `Hello ${p.recipientName}, the export licence "${p.title}"${p.exporterName ? ` held by ${p.exporterName}` : ''} is valid until ${p.endDate}. Shipments after that date need a new licence.`
          : `Hello ${p.recipientName}, the suspension "${p.title}"${p.reference ? ` (${p.reference})` : ''} ends on ${p.endDate}. Unless a newer announcement extends it, the suspended controls are back in force from that date.`}
      </Text>
      {p.concerned.length ? (
        <>
          <Text style={paragraph}>
            {p.kind === 'PERMIT_EXPIRY' ? 'Your suppliers concerned:' : 'Measures that come back into force:'}
          </Text>
          <BulletList items={p.concerned.map((c) => [c, c])} />
        </>
      ) : null}
      {url ? <CtaButton href={url} label="Read the source" /> : null}
      <Text style={smallPrint}>{`Alert ID: ${p.alertId}.`}</Text>
    </EmailLayout>
  );
}

const previewProps: ExpiryReminderTemplateProps = {
  recipientName: 'Anna Keller',
  tenantName: 'Nordwerk Magnetics GmbH',
  kind: 'SUSPENSION_LAPSE',
  daysLeft: 30,
  endDate: '2026-11-10',
  title: 'Suspension of the October 2025 rare-earth export controls',
  reference: 'MOFCOM/GAC Announcement 2025 No. 70',
  concerned: ['MOFCOM Announcement 2025 No. 61', 'MOFCOM/GAC Announcement 2025 No. 62'],
  alertId: '01960127-3b7c-7d2e-9a41-5c3e8f2b6d13',
  sourceUrl: 'https://www.mofcom.gov.cn/',
};

/** Sample props read by `email dev` and the tests. */
ExpiryReminderEmail.PreviewProps = previewProps;

export default ExpiryReminderEmail;
