import type { CSSProperties } from 'react';
import { Heading, Link, Section, Text } from '@react-email/components';
import type { AlertEmailProps, EventType } from '@lodestone/shared-types';
import { EmailLayout, theme } from '../components/layout.js';
import { BulletList, CtaButton, headline, paragraph, smallPrint, subheading } from '../components/parts.js';
import { SEVERITY_STYLE, jurisdictionLabel, safeHttpUrl, singleLine, truncate } from '../format.js';
import type { AlertTemplateProps } from '../types.js';

/** Most reasons an alert email lists; the others are counted ("and 12 more") and linked to the alert. */
export const MAX_LISTED_REASONS = 10;

/**
 * How many reasons of an alert are not listed in its email: `total` (default: `reasons.length`) minus the ones shown.
 *
 * @param reasons - the reasons carried by the props (only the first {@link MAX_LISTED_REASONS} are shown).
 * @param total - the alert's number of reasons when `reasons` is already cut; ignored when smaller than `reasons.length`.
 * @returns 0 or more. Never throws.
 */
export function unlistedReasons(reasons: readonly unknown[], total?: number): number {
  const all = Math.max(reasons.length, typeof total === 'number' && Number.isFinite(total) ? total : 0);
  return all - Math.min(reasons.length, MAX_LISTED_REASONS);
}

const EVENT_KIND: Readonly<Record<EventType, string>> = {
  POLICY_CHANGE: 'export-control change',
  PERMIT_EVENT: 'export-licence event',
  SCREENING_HIT: 'screening-list entry',
};

const factsTable: CSSProperties = {
  borderCollapse: 'collapse',
  border: `1px solid ${theme.border}`,
  fontSize: '14px',
  lineHeight: '20px',
  margin: '16px 0',
  width: '100%',
};
const factLabel: CSSProperties = {
  backgroundColor: theme.background,
  borderBottom: `1px solid ${theme.border}`,
  color: theme.muted,
  fontWeight: 600,
  padding: '6px 10px',
  textAlign: 'left',
  verticalAlign: 'top',
  whiteSpace: 'nowrap',
  width: '130px',
};
const factValue: CSSProperties = {
  borderBottom: `1px solid ${theme.border}`,
  color: theme.text,
  padding: '6px 10px',
  verticalAlign: 'top',
};

/** The severity as a badge: a one-cell table (Outlook keeps its background) whose text names the severity. */
function SeverityBadge({ severity }: { severity: AlertEmailProps['severity'] }) {
  const style = SEVERITY_STYLE[severity] ?? SEVERITY_STYLE.INFO;
  return (
    <table role="presentation" cellPadding={0} cellSpacing={0} border={0} style={{ margin: '16px 0 0' }}>
      <tbody>
        <tr>
          <td
            style={{
              backgroundColor: style.background,
              borderRadius: '4px',
              color: style.color,
              fontSize: '12px',
              fontWeight: 700,
              letterSpacing: '0.06em',
              lineHeight: '16px',
              padding: '4px 10px',
            }}
          >
            {`Severity: ${severity}`}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

/**
 * The alert email: one export-control or export-licence event matched to the recipient's tenant, led (when
 * `impact` is given and reaches parts) by what it means for the tenant's parts ("Impact on your parts: 12 parts in 3
 * products, EUR 4.2 M annual spend, 2 parts sole-sourced from JL MAG."), with the facts of the event, its match reasons ("Why you are receiving this": at most
 * {@link MAX_LISTED_REASONS}, then "and N more reasons" with a link to the alert), a link to the source and
 * the alert id.
 *
 * Use it through `renderEmail('alert', props)`, which also builds the subject and the text part.
 *
 * @param props - {@link AlertTemplateProps} (the shared `AlertEmailProps` plus optional extras). Null
 *   event fields are left out; `event.sourceUrl` is linked only when it is an absolute http(s) URL.
 * @returns the email element; never throws for well-typed props.
 */
export function AlertEmail(props: AlertTemplateProps) {
  const { recipientName, tenantName, severity, event, reasons, alertId } = props;
  const sourceUrl = safeHttpUrl(event.sourceUrl);
  const facts: [string, string][] = [
    ['Jurisdiction', jurisdictionLabel(event.jurisdiction)],
    ...(event.issuer ? ([['Issuer', event.issuer]] as [string, string][]) : []),
    ['Action', event.actionLabel],
    ...(event.effectiveDate ? ([['Effective date', event.effectiveDate]] as [string, string][]) : []),
    ...(event.reference ? ([['Reference', event.reference]] as [string, string][]) : []),
  ];
  const kind = EVENT_KIND[event.type] ?? 'event';
  const listed = reasons.slice(0, MAX_LISTED_REASONS);
  const more = unlistedReasons(reasons, props.reasonsTotal);
  const alertUrl = safeHttpUrl(props.alertUrl);
  const impact = props.impact && props.impact.parts > 0 ? props.impact : undefined;
  // The sentence without a final full stop (a supplier name may end with one: "Co., Ltd.").
  const impactLine = impact ? singleLine(impact.headline).replace(/\.$/, '') : '';
  const preview = truncate(
    singleLine(impact ? `${impactLine}. ${severity}: ${event.title}` : `${severity}: ${event.title}`),
    140,
  );

  return (
    <EmailLayout
      preview={preview}
      tenantName={tenantName}
      preferencesUrl={safeHttpUrl(props.preferencesUrl)}
      unsubscribeUrl={safeHttpUrl(props.unsubscribeUrl)}
    >
      <SeverityBadge severity={severity} />
      <Heading as="h1" style={headline}>
        {event.title}
      </Heading>
      {impact ? (
        <Text style={{ ...paragraph, fontWeight: 700 }} data-impact="headline">
          {`Impact on your parts: ${impactLine}.`}
        </Text>
      ) : null}
      <Text
        style={paragraph}
      >{`Hello ${recipientName}, Lodestone matched a new ${kind} to what ${tenantName} watches.`}</Text>

      <table
        role="presentation"
        cellPadding={0}
        cellSpacing={0}
        border={0}
        style={factsTable}
        data-text-format="dataTable"
      >
        <tbody>
          {facts.map(([label, value]) => (
            <tr key={label}>
              <td style={factLabel}>{label}</td>
              <td style={factValue}>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {event.summary.trim() !== '' ? <Text style={paragraph}>{event.summary}</Text> : null}

      {reasons.length > 0 ? (
        <Section>
          <Heading as="h2" style={subheading}>
            Why you are receiving this
          </Heading>
          <BulletList items={listed.map((reason, i) => [i, reason.text])} />
          {more > 0 ? (
            <Text style={paragraph}>
              {`and ${more} more ${more === 1 ? 'reason' : 'reasons'}`}
              {alertUrl ? (
                <>
                  {': see them all at '}
                  <Link href={alertUrl}>{alertUrl}</Link>
                </>
              ) : (
                ` (alert ${alertId})`
              )}
            </Text>
          ) : null}
        </Section>
      ) : null}

      {sourceUrl ? <CtaButton href={sourceUrl} label="Read the source" /> : null}

      <Text style={smallPrint}>{`Alert ID: ${alertId}. Quote it when you reply about this alert.`}</Text>
    </EmailLayout>
  );
}

/** Realistic sample for `email dev` and the tests: MOFCOM/GAC Announcement 2025 No. 18 (4 April 2025). */
const previewProps: AlertEmailProps = {
  recipientName: 'Anna Keller',
  tenantName: 'Nordwerk Magnetics GmbH',
  severity: 'HIGH',
  alertId: '01960127-3b7c-7d2e-9a41-5c3e8f2b6d10',
  event: {
    type: 'POLICY_CHANGE',
    title: 'China imposes export controls on seven medium and heavy rare earths (Sm, Gd, Tb, Dy, Lu, Sc, Y)',
    summary:
      'From 4 April 2025, exporting the listed samarium, gadolinium, terbium, dysprosium, lutetium, scandium and yttrium metals, alloys, oxides and compounds from China requires an export licence from MOFCOM. Licence applications are reviewed case by case.',
    jurisdiction: 'CN',
    issuer: 'MOFCOM/GAC',
    actionLabel: 'Export licence required',
    effectiveDate: '2025-04-04',
    sourceUrl: 'https://www.mofcom.gov.cn/zcfb/zc/art/2025/art_a6ea0f03b9be475a9d06ee9d088d605d.html',
    reference: 'MOFCOM/GAC Announcement 2025 No. 18',
  },
  reasons: [
    {
      via: 'ELEMENT_VIA_CONTROL_ENTRY',
      text: 'Your watch on dysprosium (Dy) matched control-list entry 1C905.b in MOFCOM/GAC Announcement 2025 No. 18.',
    },
    {
      via: 'ELEMENT_VIA_CONTROL_ENTRY',
      text: 'Your watch on terbium (Tb) matched control-list entry 1C904.b in MOFCOM/GAC Announcement 2025 No. 18.',
    },
    {
      via: 'HS_CODE_PREFIX',
      text: 'Your watch on HS code prefix 2846 matched customs codes under heading 2846 (compounds of rare-earth metals) cited in MOFCOM/GAC Announcement 2025 No. 18.',
    },
  ],
};

/** Sample props read by `email dev` (react-email's preview server) and by the tests. */
AlertEmail.PreviewProps = previewProps;

export default AlertEmail;
