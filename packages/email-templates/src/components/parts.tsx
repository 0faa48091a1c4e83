import type { CSSProperties, ReactNode } from 'react';
import { Button, Section } from '@react-email/components';
import { theme } from './layout.js';

/** Styles of the body text every template shares (inline: clients that strip `<style>` keep them). */
export const paragraph: CSSProperties = { color: theme.text, fontSize: '15px', lineHeight: '22px', margin: '12px 0' };
export const headline: CSSProperties = {
  color: theme.text,
  fontSize: '22px',
  fontWeight: 700,
  lineHeight: '28px',
  margin: '12px 0 8px',
};
export const subheading: CSSProperties = {
  color: theme.text,
  fontSize: '16px',
  fontWeight: 700,
  lineHeight: '22px',
  margin: '24px 0 8px',
};
export const smallPrint: CSSProperties = {
  color: theme.muted,
  fontSize: '12px',
  lineHeight: '18px',
  margin: '16px 0 0',
};
export const list: CSSProperties = {
  color: theme.text,
  fontSize: '15px',
  lineHeight: '22px',
  margin: '0 0 8px',
  paddingLeft: '22px',
};
export const listItem: CSSProperties = { margin: '0 0 8px' };

const buttonStyle: CSSProperties = {
  backgroundColor: theme.accent,
  borderRadius: '4px',
  color: '#ffffff',
  fontSize: '15px',
  fontWeight: 600,
  padding: '10px 18px',
  textDecoration: 'none',
};

/**
 * A call-to-action link styled as a button. react-email's `Button` renders an `<a>` with inline padding plus
 * `<!--[if mso]>` spacers (`mso-font-width`, `mso-text-raise`), so Outlook's Word engine keeps the padded, clickable
 * shape; the text part shows it as `label URL`. `margin` is the CSS margin around it.
 */
export function CtaButton({ href, label, margin = '20px 0 8px' }: { href: string; label: string; margin?: string }) {
  return (
    <Section style={{ margin }}>
      <Button href={href} style={buttonStyle}>
        {label}
      </Button>
    </Section>
  );
}

/**
 * A bulleted list in the shared style (`list`, `listItem`); html-to-text writes each item as a ` * ` line in the text
 * part. `items` are `[key, content]` pairs (the key must be unique in the list).
 */
export function BulletList({ items }: { items: [key: string | number, content: ReactNode][] }) {
  return (
    <ul style={list}>
      {items.map(([key, content]) => (
        <li key={key} style={listItem}>
          {content}
        </li>
      ))}
    </ul>
  );
}
