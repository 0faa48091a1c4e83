import { Heading, Link, Section, Text } from '@react-email/components';
import { EmailLayout, theme } from '../components/layout.js';
import { BulletList, CtaButton, headline, paragraph, smallPrint, subheading } from '../components/parts.js';
import { SEVERITY_STYLE, safeHttpUrl, singleLine, truncate } from '../format.js';
import type { ExposureSummaryItem, ExposureSummaryTemplateProps } from '../types.js';

const TRIGGER: Record<ExposureSummaryTemplateProps['trigger'], string> = {
  TENANT_CREATED: 'your organisation was set up on Lodestone',
  WATCHES_ADDED: 'watchlist items were added',
  SUPPLIERS_ADDED: 'suppliers were added',
  SUPPLIER_DECISION: 'a supplier name was confirmed',
  ADDED: 'watchlist items or suppliers were added',
};

/** Distinct alerts of a summary (an alert may sit under an element and under a supplier). */
export function exposureItemCount(p: Pick<ExposureSummaryTemplateProps, 'byElement' | 'bySupplier' | 'other'>): number {
  return new Set(
    [...p.byElement, ...p.bySupplier]
      .flatMap((g) => g.items.map((i) => i.alertId))
      .concat(p.other.map((i) => i.alertId)),
  ).size;
}

/** Subject, e.g. `Your current exposure: 4 measures and licences apply to Demo Magnets GmbH (Dy, Tb, JL MAG)`. */
export function exposureSummarySubject(p: ExposureSummaryTemplateProps): string {
  const n = exposureItemCount(p);
  const labels = [...p.byElement, ...p.bySupplier].map((g) => g.short ?? g.label);
  const tail = labels.length ? ` (${labels.slice(0, 6).join(', ')}${labels.length > 6 ? ', …' : ''})` : '';
  return truncate(
    singleLine(
      `Your current exposure: ${n} ${n === 1 ? 'measure or licence applies' : 'measures and licences apply'} to ${p.tenantName}${tail}`,
    ),
    150,
  );
}

function ItemLine({ item }: { item: ExposureSummaryItem }) {
  const url = safeHttpUrl(item.alertUrl) ?? safeHttpUrl(item.sourceUrl);
  const style = SEVERITY_STYLE[item.severity] ?? SEVERITY_STYLE.INFO;
  return (
    <>
      <span style={{ color: style.background, fontWeight: 700 }}>{`[${item.severity}] `}</span>
      {url ? (
        <Link href={url} style={{ color: theme.accent }}>
          {item.title}
        </Link>
      ) : (
        item.title
      )}
      {item.reference ? ` (${item.reference})` : ''}
      {` — ${item.status}`}
    </>
  );
}

/**
 * "Your current exposure": sent once per buyer when back-matching (a new tenant, added watches or suppliers) found
 * measures and licences that already apply, instead of one alert email each. Grouped by element and by supplier; every
 * line links to its alert.
 */
export function ExposureSummaryEmail(p: ExposureSummaryTemplateProps) {
  const n = exposureItemCount(p);
  const exposureUrl = safeHttpUrl(p.exposureUrl);
  const group = (kind: string) => (g: ExposureSummaryTemplateProps['byElement'][number]) => (
    <Section key={`${kind}:${g.label}`}>
      <Heading as="h2" style={subheading}>
        {g.label}
      </Heading>
      <BulletList items={g.items.map((i) => [i.alertId, <ItemLine key={i.alertId} item={i} />])} />
    </Section>
  );
  return (
    <EmailLayout
      preview={truncate(`${n} measures and licences already apply to ${p.tenantName}`, 140)}
      tenantName={p.tenantName}
      preferencesUrl={safeHttpUrl(p.preferencesUrl)}
      unsubscribeUrl={safeHttpUrl(p.unsubscribeUrl)}
    >
      <Heading as="h1" style={headline}>
        Your current exposure
      </Heading>
      <Text style={paragraph}>
        {`Hello ${p.recipientName}, ${TRIGGER[p.trigger] ?? TRIGGER.ADDED}, so Lodestone matched what it already knows against it. ${n} ${n === 1 ? 'measure or licence applies' : 'measures and licences apply'} to ${p.tenantName} today. They were found on addition, not newly announced: each is an alert you can acknowledge, assign and mark as applying or not.`}
      </Text>
      {p.partsImpact ? (
        <Text style={paragraph}>
          <strong>{`Your parts: ${truncate(singleLine(p.partsImpact), 300)}`}</strong>
        </Text>
      ) : null}
      {p.byElement.length ? (
        <Text style={paragraph}>
          <strong>By element</strong>
        </Text>
      ) : null}
      {p.byElement.map(group('element'))}
      {p.bySupplier.length ? (
        <Text style={paragraph}>
          <strong>By supplier</strong>
        </Text>
      ) : null}
      {p.bySupplier.map(group('supplier'))}
      {p.other.length ? group('other')({ label: 'Other watchlist matches', items: p.other }) : null}
      {exposureUrl ? <CtaButton href={exposureUrl} label="Open your exposure" /> : null}
      <Text
        style={smallPrint}
      >{`As of ${p.generatedAt}. New announcements from now on arrive as alerts, as usual.`}</Text>
    </EmailLayout>
  );
}

const previewProps: ExposureSummaryTemplateProps = {
  recipientName: 'Mei Chen',
  tenantName: 'Demo Magnets GmbH',
  trigger: 'TENANT_CREATED',
  generatedAt: '2026-12-04T09:00:00.000Z',
  exposureUrl: 'https://lodestone.example/v1/exposure',
  byElement: [
    {
      label: 'dysprosium (Dy)',
      short: 'Dy',
      items: [
        {
          alertId: '01960127-3b7c-7d2e-9a41-5c3e8f2b6d13',
          title: 'Export licences required for seven medium and heavy rare earths',
          reference: 'MOFCOM/GAC Announcement 2025 No. 18',
          severity: 'HIGH',
          status: 'In force',
          alertUrl: 'https://lodestone.example/v1/alerts/01960127-3b7c-7d2e-9a41-5c3e8f2b6d13',
          sourceUrl: 'https://www.mofcom.gov.cn/',
        },
      ],
    },
  ],
  bySupplier: [
    {
      label: 'JL MAG Rare-Earth Co., Ltd.',
      short: 'JL MAG',
      items: [
        {
          alertId: '01960127-3b7c-7d2e-9a41-5c3e8f2b6d14',
          title: 'One-year general rare-earth export licence granted to JL MAG',
          reference: null,
          severity: 'HIGH',
          status: 'Licence granted, valid until 2026-12-01',
          alertUrl: 'https://lodestone.example/v1/alerts/01960127-3b7c-7d2e-9a41-5c3e8f2b6d14',
          sourceUrl: null,
        },
      ],
    },
  ],
  other: [],
};

/** Sample props read by `email dev` and the tests. */
ExposureSummaryEmail.PreviewProps = previewProps;

export default ExposureSummaryEmail;
