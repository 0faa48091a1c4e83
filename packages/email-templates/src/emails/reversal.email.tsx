import { Heading, Text } from '@react-email/components';
import { EmailLayout } from '../components/layout.js';
import { BulletList, CtaButton, headline, paragraph, smallPrint, subheading } from '../components/parts.js';
import { safeHttpUrl, singleLine, truncate } from '../format.js';
import type { ReversalTemplateProps } from '../types.js';

const CHANGE_WORD: Record<ReversalTemplateProps['change'], string> = {
  SUSPENDED: 'suspended',
  AMENDED: 'amended',
  REINSTATED: 'back in force',
  LIFTED: 'lifted',
  EXPIRED: 'back in force (suspension ended)',
};

/** Subject of an update, e.g. `[Update] MOFCOM Announcement 2025 No. 61 suspended — 1 earlier alert changed`. */
export function reversalSubject(p: ReversalTemplateProps): string {
  const what =
    p.earlier
      .map((e) => e.reference ?? e.title)
      .filter((v, i, a) => a.indexOf(v) === i)
      .join(', ') || p.event.title;
  const n = p.earlier.length;
  return truncate(
    singleLine(`[Update] ${what} ${CHANGE_WORD[p.change]} — ${n} earlier ${n === 1 ? 'alert' : 'alerts'} changed`),
    150,
  );
}

/** One update to the owners of earlier alerts whose measure a newer event suspended, amended, reinstated or lifted. */
export function ReversalEmail(p: ReversalTemplateProps) {
  const url = safeHttpUrl(p.event.sourceUrl);
  return (
    <EmailLayout
      preview={truncate(singleLine(p.whatChanged), 140)}
      tenantName={p.tenantName}
      preferencesUrl={safeHttpUrl(p.preferencesUrl)}
      unsubscribeUrl={safeHttpUrl(p.unsubscribeUrl)}
    >
      <Heading as="h1" style={headline}>
        {`Update: ${CHANGE_WORD[p.change]}`}
      </Heading>
      <Text style={paragraph}>{`Hello ${p.recipientName}, an earlier alert for ${p.tenantName} has changed.`}</Text>
      <Text style={paragraph}>{p.whatChanged}</Text>
      <Heading as="h2" style={subheading}>
        Alerts updated
      </Heading>
      <BulletList
        items={p.earlier.map((e) => [
          e.alertId,
          `${e.reference ? `${e.reference}: ` : ''}${e.title} — now ${e.newStatus.toLowerCase().replace('_', ' ')} (alert ${e.alertId})`,
        ])}
      />
      {url ? <CtaButton href={url} label="Read the announcement" /> : null}
      <Text style={smallPrint}>{`Alert ID: ${p.alertId}.`}</Text>
    </EmailLayout>
  );
}

const previewProps: ReversalTemplateProps = {
  recipientName: 'Anna Keller',
  tenantName: 'Nordwerk Magnetics GmbH',
  change: 'SUSPENDED',
  whatChanged:
    'MOFCOM/GAC Announcement 2025 No. 70 suspends MOFCOM Announcement 2025 No. 61 until 2026-11-10. The controls it imposed do not apply until then.',
  event: {
    title: 'Suspension of the October 2025 rare-earth export controls',
    reference: 'MOFCOM/GAC Announcement 2025 No. 70',
    effectiveDate: '2025-11-07',
    endDate: '2026-11-10',
    sourceUrl: 'https://www.mofcom.gov.cn/',
  },
  earlier: [
    {
      alertId: '01960127-3b7c-7d2e-9a41-5c3e8f2b6d11',
      title: 'Export controls on rare-earth technologies and items containing Chinese rare earths',
      reference: 'MOFCOM Announcement 2025 No. 61',
      newStatus: 'SUSPENDED',
    },
  ],
  alertId: '01960127-3b7c-7d2e-9a41-5c3e8f2b6d14',
};

/** Sample props read by `email dev` and the tests. */
ReversalEmail.PreviewProps = previewProps;

export default ReversalEmail;
