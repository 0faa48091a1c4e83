/** One message ready to send. */
export interface OutgoingMail {
  /** RFC 5322 From, e.g. `Lodestone <alerts@example.com>`. */
  from: string;
  to: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  /** `<id@domain>`: the same on every attempt, so a resend is recognisable. */
  messageId: string;
  headers?: Record<string, string>;
}

/** The nodemailer message options of an {@link OutgoingMail} (display name kept apart from the address). */
export function toNodemailerMessage(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: { name: mail.to.name, address: mail.to.address },
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: mail.messageId,
    headers: mail.headers,
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
