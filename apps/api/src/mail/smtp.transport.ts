import nodemailer, { type Transporter } from 'nodemailer';
import { MailSendError, toNodemailerMessage, type MailTransport, type OutgoingMail } from './mail-transport.js';

const TEMPORARY_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET', 'ECONNREFUSED', 'EPROTOCOL']);

/** Classifies a nodemailer error: 4xx replies and connection problems are temporary; 5xx replies are permanent. */
export function classifySmtpError(error: unknown): MailSendError {
  const e = error as { message?: string; responseCode?: number; code?: string };
  const message = e.message ?? String(error);
  if (typeof e.responseCode === 'number') return new MailSendError(message, e.responseCode < 500, e.responseCode);
  return new MailSendError(message, TEMPORARY_CODES.has(e.code ?? '') || e.code === undefined);
}

/** SMTP through nodemailer with a connection pool; SMTP_URL as nodemailer understands it (smtp:// or smtps://). */
export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(url: string) {
    this.transporter = nodemailer.createTransport(url.includes('?') ? `${url}&pool=true` : `${url}?pool=true`);
  }

  async send(mail: OutgoingMail): Promise<{ providerMessageId: string }> {
    try {
      const info = await this.transporter.sendMail(toNodemailerMessage(mail));
      return { providerMessageId: String(info.response ?? info.messageId) };
    } catch (error) {
      throw classifySmtpError(error);
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
