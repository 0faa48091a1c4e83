import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** Faults a {@link SmtpSink} injects, for delivery tests. */
export interface SmtpSinkFaults {
  /** Reply `failCode` (default 421) to the DATA of the first N messages, then accept. */
  failFirst?: number;
  failCode?: number;
  /** Recipients refused at RCPT TO with the given code, e.g. `{ 'gone@x.example': 550 }`. */
  rejectRecipients?: Record<string, number>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** A real SMTP server on 127.0.0.1 (random port) that keeps every message it accepts, parsed. */
export class SmtpSink {
  readonly messages: (ParsedMail & { envelopeTo: string[] })[] = [];
  /** DATA commands seen (accepted or failed). */
  dataAttempts = 0;
  private readonly server: SMTPServer;
  private waiters: (() => void)[] = [];

  constructor(faults: SmtpSinkFaults = {}) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const code = faults.rejectRecipients?.[address.address.toLowerCase()];
        callback(code ? smtpError(code, `${code} 5.1.1 mailbox unavailable`) : undefined);
      },
      onData: (stream, session, callback) => {
        if (++this.dataAttempts <= (faults.failFirst ?? 0)) {
          stream.on('end', () =>
            callback(smtpError(faults.failCode ?? 421, `${faults.failCode ?? 421} 4.3.2 try again later`)),
          );
          stream.resume();
          return;
        }
        simpleParser(stream)
          .then((mail) => {
            this.messages.push(Object.assign(mail, { envelopeTo: session.envelope.rcptTo.map((r) => r.address) }));
            callback();
            for (const w of this.waiters.splice(0)) w();
          })
          .catch(callback);
      },
    });
  }

  /** Starts listening; returns the SMTP_URL to use. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  /**
   * Resolves as soon as at least `n` messages arrived (woken by each arrival, no polling).
   * @throws Error naming the count when they have not arrived within `ms` milliseconds.
   */
  waitFor(n: number, ms = 10_000): Promise<void> {
    if (this.messages.length >= n) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (this.messages.length < n) return void this.waiters.push(check);
        clearTimeout(deadline);
        resolve();
      };
      const deadline = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`expected ${n} message(s), got ${this.messages.length}`));
      }, ms);
      this.waiters.push(check);
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
