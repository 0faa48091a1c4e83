import { Fragment, type CSSProperties, type ReactNode } from 'react';
import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';

/** Props of {@link EmailLayout}. */
export interface EmailLayoutProps {
  /** Inbox preview line (hidden in the body, skipped in the text part). Keep it under ~140 characters. */
  preview: string;
  /** The HTML `<title>` (shown by some clients and by browsers opening the .eml); default: `preview`. */
  title?: string;
  /** Tenant (the recipient's company) named in the footer's "why you get this" line. */
  tenantName: string;
  /** Where the recipient manages their email preferences; no link is shown when absent. */
  preferencesUrl?: string | null;
  /** One-click unsubscribe page; no link is shown when absent. */
  unsubscribeUrl?: string | null;
  /** Footer line saying why the recipient gets this email; default: they are a buyer at `tenantName`. */
  footerNote?: string;
  /** The body of the email, between header and footer. */
  children: ReactNode;
}

/** Palette and type shared by every template. System fonts only: no web fonts to load or block. */
export const theme = {
  fontFamily:
    '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif',
  text: '#1f2933',
  muted: '#52606d',
  border: '#d9dee3',
  background: '#f4f5f7',
  surface: '#ffffff',
  accent: '#1f4e79',
} as const;

const body: CSSProperties = {
  backgroundColor: theme.background,
  color: theme.text,
  fontFamily: theme.fontFamily,
  margin: 0,
  padding: '24px 0',
};
const container: CSSProperties = {
  backgroundColor: theme.surface,
  border: `1px solid ${theme.border}`,
  borderRadius: '6px',
  maxWidth: '600px',
  margin: '0 auto',
};
const header: CSSProperties = { borderBottom: `3px solid ${theme.accent}`, padding: '16px 28px' };
const brand: CSSProperties = {
  color: theme.accent,
  fontSize: '20px',
  fontWeight: 700,
  letterSpacing: '0.02em',
  lineHeight: '24px',
  margin: 0,
};
const content: CSSProperties = { padding: '8px 28px 16px' };
const footer: CSSProperties = { padding: '0 28px 20px' };
const footerText: CSSProperties = { color: theme.muted, fontSize: '12px', lineHeight: '18px', margin: '8px 0' };
const footerLink: CSSProperties = { color: theme.muted, textDecoration: 'underline' };

/**
 * The frame every Lodestone email shares: `<html>`/`<head>`, the inbox preview line, a "Lodestone" header,
 * the template's content, and a footer telling the recipient why they get the email, with room for
 * preferences/unsubscribe links.
 *
 * Built from react-email components, which render as nested presentation tables with inline styles, so
 * the layout holds in Outlook (Word engine) and in clients that strip `<style>`.
 *
 * @param props - see {@link EmailLayoutProps}; URLs are rendered as given (pass only http(s) URLs).
 * @returns the `<Html>` element; never throws.
 */
export function EmailLayout({
  preview,
  title,
  tenantName,
  preferencesUrl,
  unsubscribeUrl,
  footerNote,
  children,
}: EmailLayoutProps) {
  const links: ReactNode[] = [];
  if (preferencesUrl) {
    links.push(
      <Link key="preferences" href={preferencesUrl} style={footerLink}>
        Email preferences
      </Link>,
    );
  }
  if (unsubscribeUrl) {
    links.push(
      <Link key="unsubscribe" href={unsubscribeUrl} style={footerLink}>
        Unsubscribe
      </Link>,
    );
  }
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <title>{title ?? preview}</title>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Section style={header}>
            <Text style={brand}>Lodestone</Text>
          </Section>
          <Section style={content}>{children}</Section>
          <Section style={footer}>
            <Hr style={{ borderColor: theme.border, margin: '0 0 8px' }} />
            <Text style={footerText}>
              {footerNote ?? `You receive this because you are a buyer at ${tenantName} on Lodestone.`}
            </Text>
            {links.length > 0 ? (
              <Text style={footerText}>
                {links.map((link, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list rendered once on the server, never reordered
                  <Fragment key={i}>
                    {i > 0 ? ' · ' : null}
                    {link}
                  </Fragment>
                ))}
              </Text>
            ) : null}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
