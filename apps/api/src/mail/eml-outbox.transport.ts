import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import {
  type DkimKey,
  MailSendError,
  toNodemailerMessage,
  type MailTransport,
  type OutgoingMail,
} from './mail-transport.js';

/**
 * The embedded default: each message becomes an RFC 5322 `.eml` file (built by nodemailer, so it is exactly what SMTP
 * would carry) in a folder; any mail client opens it. Files are written atomically (temp file, then rename).
 */
export class EmlOutboxTransport implements MailTransport {
  private readonly builder;

  /**
   * @param dir - the folder the .eml files go to (created when missing).
   * @param dkim - DKIM key to sign every message with, or null; signed files are what SMTP would carry.
   */
  constructor(
    private readonly dir: string,
    dkim: DkimKey | null = null,
  ) {
    this.builder = nodemailer.createTransport({
      streamTransport: true,
      buffer: true,
      newline: 'unix',
      ...(dkim ? { dkim } : {}),
    });
  }

  async send(mail: OutgoingMail): Promise<{ providerMessageId: string }> {
    const info = await this.builder.sendMail(toNodemailerMessage(mail));
    try {
      mkdirSync(this.dir, { recursive: true });
      const safeId = mail.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._-]/g, '_');
      const path = join(this.dir, `${safeId}.eml`);
      writeFileSync(`${path}.tmp`, info.message as Buffer);
      renameSync(`${path}.tmp`, path);
      return { providerMessageId: path };
    } catch (error) {
      throw new MailSendError(`cannot write to ${this.dir}: ${(error as Error).message}`, true);
    }
  }

  async close(): Promise<void> {}
}
