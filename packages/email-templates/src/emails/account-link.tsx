import { Heading, Text } from '@react-email/components';
import { EmailLayout } from '../components/layout.js';
import { CtaButton, headline, paragraph, smallPrint } from '../components/parts.js';

/** "2026-03-05 09:00 UTC" from an ISO-8601 instant (UTC, explicit); the input unchanged when it does not parse. */
export function utcMinute(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Props of {@link AccountLinkEmail}. */
export interface AccountLinkEmailProps {
  /** Inbox preview line. */
  preview: string;
  tenantName: string;
  /** Why the recipient gets this email (footer). */
  footerNote: string;
  title: string;
  paragraphs: string[];
  buttonLabel: string;
  /** The one-time link (http(s) only; pass `safeHttpUrl(…)`): no button and no link line when null. */
  url: string | null;
  /** When the link expires, ISO-8601 instant; shown in UTC. */
  expiresAt: string;
}

/**
 * The account emails (invitation, password reset): the shared layout around a headline, paragraphs, one button with
 * its link written out, and the link's expiry.
 */
export function AccountLinkEmail({
  preview,
  tenantName,
  footerNote,
  title,
  paragraphs,
  buttonLabel,
  url,
  expiresAt,
}: AccountLinkEmailProps) {
  return (
    <EmailLayout preview={preview} tenantName={tenantName} footerNote={footerNote}>
      <Heading as="h1" style={headline}>
        {title}
      </Heading>
      {paragraphs.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list rendered once on the server, never reordered
        <Text key={i} style={paragraph}>
          {p}
        </Text>
      ))}
      {url ? <CtaButton href={url} label={buttonLabel} margin="20px 0" /> : null}
      {url ? <Text style={smallPrint}>{`Or open this link: ${url}`}</Text> : null}
      <Text
        style={smallPrint}
      >{`The link works once and expires at ${utcMinute(expiresAt)}. If you did not expect this email, ignore it.`}</Text>
    </EmailLayout>
  );
}
