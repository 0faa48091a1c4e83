import nodemailer, { type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import {
  type DkimKey,
  MailSendError,
  toNodemailerMessage,
  type MailTransport,
  type OutgoingMail,
} from './mail-transport.js';

/** Connection-level failures worth retrying (nodemailer error codes). */
const TEMPORARY_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPROTOCOL',
  'EMAXLIMIT',
]);

/**
 * SMTP replies that mean "try again later" (RFC 5321 §4.2.5 / RFC 3463): 421 service not available, 450 mailbox
 * busy, 451 local error, 452 insufficient storage, 454 TLS/auth temporarily unavailable. Any other 4xx is treated as
 * temporary too; every 5xx (550 mailbox unavailable, 553, 554 …) is permanent.
 */
export const TEMPORARY_SMTP_REPLIES: ReadonlySet<number> = new Set([421, 450, 451, 452, 454]);

/**
 * Classifies a nodemailer error into a {@link MailSendError}: 4xx replies and connection problems are temporary;
 * 5xx replies are permanent; errors without a reply code or a known connection code (e.g. a message nodemailer could
 * not build) are permanent, so they do not loop.
 */
export function classifySmtpError(error: unknown): MailSendError {
  const e = error as { message?: string; responseCode?: number; code?: string };
  const message = e.message ?? String(error);
  if (typeof e.responseCode === 'number') {
    const temporary = TEMPORARY_SMTP_REPLIES.has(e.responseCode) || (e.responseCode >= 400 && e.responseCode < 500);
    return new MailSendError(message, temporary, e.responseCode);
  }
  return new MailSendError(message, TEMPORARY_CODES.has(e.code ?? ''));
}

/** Pool size and rate limit of {@link SmtpMailTransport}. */
export interface SmtpPoolOptions {
  /** Parallel SMTP connections (nodemailer `maxConnections`). */
  maxConnections: number;
  /** Messages a second over all connections; 0 = no limit (nodemailer `rateLimit` per `rateDelta` 1000 ms). */
  rateLimitPerSecond: number;
}

/**
 * SMTP through nodemailer with a connection pool and a rate limit; SMTP_URL as nodemailer understands it
 * (smtp:// or smtps://). Each message gets the outbox row's Message-ID, so a resend is recognisable.
 */
export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter;

  /**
   * @param url - SMTP_URL (smtp:// or smtps://).
   * @param pool - connection pool and rate limit.
   * @param dkim - DKIM key to sign every message with (RFC 6376), or null.
   */
  constructor(
    url: string,
    pool: SmtpPoolOptions = { maxConnections: 5, rateLimitPerSecond: 0 },
    dkim: DkimKey | null = null,
  ) {
    this.transporter = nodemailer.createTransport({
      url,
      ...(dkim ? { dkim } : {}),
      pool: true,
      maxConnections: pool.maxConnections,
      maxMessages: 1000,
      ...(pool.rateLimitPerSecond > 0 ? { rateDelta: 1000, rateLimit: pool.rateLimitPerSecond } : {}),
    } as never);
  }

  /**
   * Sends one message. It is built into one buffer first (nodemailer's own MailComposer, as `sendMail` builds it, so
   * the bytes are the same) and handed over as a raw message with its envelope: the SMTP connection then writes it in
   * one piece instead of the dozens of small writes of the streamed build (each a system call on a busy machine).
   */
  async send(mail: OutgoingMail): Promise<{ providerMessageId: string }> {
    try {
      const message = toNodemailerMessage(mail);
      const raw = await new MailComposer(message).compile().build();
      const info = await this.transporter.sendMail({
        envelope: { from: message.from.address, to: [message.to.address] },
        raw,
        messageId: mail.messageId,
      });
      return { providerMessageId: String(info.response ?? info.messageId) };
    } catch (error) {
      throw classifySmtpError(error);
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
