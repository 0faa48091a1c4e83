import { stripBidi } from '@lodestone/email-templates';

/** A DKIM signing key (RFC 6376) as nodemailer's `dkim` option takes it. */
export interface DkimKey {
  /** The signing domain (`d=`). */
  domainName: string;
  /** The selector (`s=`): the key is published at `<selector>._domainkey.<domain>`. */
  keySelector: string;
  /** PEM private key (RSA). */
  privateKey: string;
}

/** One message ready to send. */
export interface OutgoingMail {
  /**
   * RFC 5322 From, e.g. `Lodestone <alerts@example.com>` or `{ name: '稀土预警', address: 'alerts@example.com' }`.
   * Display names are encoded (RFC 2047) apart from the address.
   */
  from: string | { name: string; address: string };
  to: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  /** `<id@domain>`: the same on every attempt, so a resend is recognisable. */
  messageId: string;
  headers?: Record<string, string>;
  /**
   * One-click unsubscribe URL (https in production). Sent as `List-Unsubscribe: <url>` with
   * `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
   */
  listUnsubscribeUrl?: string;
}

/** Parses `Name <address>` (or a bare address) into its parts, so the name can be encoded apart from the address. */
export function parseMailbox(value: string | { name: string; address: string }): { name: string; address: string } {
  if (typeof value !== 'string') return value;
  const m = /^\s*"?(.*?)"?\s*<([^<>\s]+)>\s*$/.exec(value);
  return m ? { name: m[1]!.trim(), address: m[2]! } : { name: '', address: value.trim() };
}

/**
 * The nodemailer message options of an {@link OutgoingMail}, shared by the SMTP and .eml transports so both write the
 * same bytes: display names kept apart from the address (nodemailer encodes them, RFC 2047), bidirectional control
 * characters (U+202A-E, U+2066-9) removed from display names and the subject, RFC 8058 headers and
 * `Auto-Submitted: auto-generated` (RFC 3834) added. Text and HTML parts are always quoted-printable (RFC 2045 §6.7):
 * nodemailer would otherwise scan every part's characters to choose between quoted-printable and base64: building the
 * demo's alert email took 0.38-0.60 ms with the scan, 0.31-0.34 ms without (docs/fanout.md, session 6). base64
 * bodies are not used because spam filters score base64-encoded text (SpamAssassin's MIME_BASE64_TEXT).
 */
export function toNodemailerMessage(mail: OutgoingMail) {
  // RFC 3834 §5: every Lodestone message is machine-generated, so auto-responders (vacation replies) stay quiet.
  const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated', ...(mail.headers ?? {}) };
  if (mail.listUnsubscribeUrl) {
    headers['List-Unsubscribe'] = `<${mail.listUnsubscribeUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  const from = parseMailbox(mail.from);
  return {
    from: { name: stripBidi(from.name), address: from.address },
    to: { name: stripBidi(mail.to.name), address: mail.to.address },
    subject: stripBidi(mail.subject),
    html: mail.html,
    text: mail.text,
    textEncoding: 'quoted-printable' as const,
    messageId: mail.messageId,
    headers,
  };
}

/** Thrown by a transport; `temporary` tells the outbox whether to retry. */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly temporary: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

/** Where mail goes: SMTP in production, a folder of .eml files for the embedded default. */
export interface MailTransport {
  /**
   * Sends one message.
   * @returns `providerMessageId`: the SMTP server's reply, or the path of the .eml file.
   * @throws MailSendError (temporary for 4xx replies and connection errors, permanent for 5xx).
   */
  send(mail: OutgoingMail): Promise<{ providerMessageId: string }>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
