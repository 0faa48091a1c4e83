import type { CSSProperties } from 'react';
import { Button, Heading, Section, Text } from '@react-email/components';
import { theme } from '../components/layout.js';

const paragraph: CSSProperties = { color: theme.text, fontSize: '15px', lineHeight: '22px', margin: '12px 0' };
const headline: CSSProperties = { color: theme.text, fontSize: '22px', fontWeight: 700, lineHeight: '28px', margin: '12px 0 8px' };
const button: CSSProperties = {
  backgroundColor: theme.accent,
  borderRadius: '4px',
  color: '#ffffff',
  fontSize: '15px',
  fontWeight: 600,
  padding: '10px 18px',
  textDecoration: 'none',
};
const smallPrint: CSSProperties = { color: theme.muted, fontSize: '12px', lineHeight: '18px', margin: '16px 0 0' };

/** "2026-03-05 09:00 UTC" from an ISO-8601 instant (UTC, explicit); the input unchanged when it does not parse. */
export function utcMinute(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Body shared by the account emails: a headline, paragraphs, one button with its link, and the expiry. */
export function AccountLinkBody({ title, paragraphs, buttonLabel, url, expiresAt }: { title: string; paragraphs: string[]; buttonLabel: string; url: string | null; expiresAt: string }) {
  return (
    <>
      <Heading as="h1" style={headline}>
        {title}
      </Heading>
      {paragraphs.map((p, i) => (
        <Text key={i} style={paragraph}>
          {p}
        </Text>
      ))}
      {url ? (
        <Section style={{ margin: '20px 0' }}>
          <Button href={url} style={button}>
            {buttonLabel}
          </Button>
        </Section>
      ) : null}
      {url ? <Text style={smallPrint}>{`Or open this link: ${url}`}</Text> : null}
      <Text style={smallPrint}>{`The link works once and expires at ${utcMinute(expiresAt)}. If you did not expect this email, ignore it.`}</Text>
    </>
  );
}
