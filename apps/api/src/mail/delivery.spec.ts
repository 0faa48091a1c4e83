import { LinkSigner, InvalidLinkTokenError } from '../common/signed-links.js';
import { backoffMs, burstable, groupByRecipient } from './delivery-worker.js';
import type { ClaimedDelivery } from './outbox.repository.js';
import { parseMailbox, toNodemailerMessage } from './mail-transport.js';
import { classifySmtpError } from './smtp.transport.js';

describe('classifySmtpError', () => {
  it.each([421, 450, 451, 452, 454])('treats SMTP %i as temporary', (code) => {
    const e = classifySmtpError(Object.assign(new Error(`${code} try later`), { responseCode: code }));
    expect(e).toMatchObject({ temporary: true, responseCode: code });
  });
  it.each([550, 551, 552, 553, 554])('treats SMTP %i as permanent', (code) => {
    expect(classifySmtpError(Object.assign(new Error('no'), { responseCode: code })).temporary).toBe(false);
  });
  it('treats connection errors as temporary and unknown errors as permanent', () => {
    for (const code of ['ECONNECTION', 'ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED', 'ESOCKET']) {
      expect(classifySmtpError(Object.assign(new Error('x'), { code })).temporary).toBe(true);
    }
    expect(classifySmtpError(Object.assign(new Error('bad message'), { code: 'EMESSAGE' })).temporary).toBe(false);
  });
});

describe('backoffMs', () => {
  it('doubles from the base per attempt with ±20 % jitter, capped at 1 h', () => {
    expect(backoffMs(1, 0.5)).toBe(30_000);
    expect(backoffMs(2, 0.5)).toBe(60_000);
    expect(backoffMs(3, 0)).toBe(96_000);
    expect(backoffMs(3, 0.999999)).toBeCloseTo(144_000, -1);
    expect(backoffMs(20, 0.5)).toBe(3_600_000);
    expect(backoffMs(2, 0.5, 1000)).toBe(2000);
  });
});

describe('mail headers', () => {
  it('encodes Chinese display names apart from the address and adds RFC 8058 headers', () => {
    expect(parseMailbox('稀土预警 <alerts@example.com>')).toEqual({ name: '稀土预警', address: 'alerts@example.com' });
    expect(parseMailbox('"Lodestone Alerts" <a@b.example>')).toEqual({
      name: 'Lodestone Alerts',
      address: 'a@b.example',
    });
    expect(parseMailbox('a@b.example')).toEqual({ name: '', address: 'a@b.example' });
    const m = toNodemailerMessage({
      from: 'Lodestone <a@b.example>',
      to: { name: '陈美', address: 'mei@c.example' },
      subject: 's',
      html: '<p>h</p>',
      text: 't',
      messageId: '<1@b.example>',
      listUnsubscribeUrl: 'https://l.example/v1/email/unsubscribe?token=x.y',
    });
    expect(m.headers).toEqual({
      'Auto-Submitted': 'auto-generated',
      'List-Unsubscribe': '<https://l.example/v1/email/unsubscribe?token=x.y>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });
});

describe('bidi controls in headers', () => {
  it('are removed from the sender and recipient display names and the subject', () => {
    const m = toNodemailerMessage({
      from: 'Lodestone \u202EstrelA <a@b.example>',
      to: { name: 'Mei\u2066 Chen\u2069', address: 'mei@c.example' },
      subject: '[HIGH] matches \u202Bgnp.exe\u202C',
      html: '<p>h</p>',
      text: 't',
      messageId: '<1@b.example>',
    });
    expect(m.from).toEqual({ name: 'Lodestone strelA', address: 'a@b.example' });
    expect(m.to).toEqual({ name: 'Mei Chen', address: 'mei@c.example' });
    expect(m.subject).toBe('[HIGH] matches gnp.exe');
  });
});

describe('LinkSigner', () => {
  const signer = new LinkSigner('k'.repeat(40), 'https://l.example');
  const claims = { purpose: 'unsubscribe' as const, userId: 'u1', tenantId: 't1' };

  it('round-trips a token and builds links under PUBLIC_URL', () => {
    expect(signer.verify(signer.sign(claims), 'unsubscribe')).toEqual(claims);
    expect(signer.unsubscribeUrl('u1', 't1')).toMatch(
      /^https:\/\/l\.example\/v1\/email\/unsubscribe\?token=[\w-]+\.[\w-]+$/,
    );
  });

  it('rejects forged, re-purposed, other-key and malformed tokens', () => {
    const token = signer.sign(claims);
    const [payload, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ p: 'unsubscribe', u: 'u2', t: 't1' })).toString('base64url');
    expect(() => signer.verify(`${forged}.${mac}`, 'unsubscribe')).toThrow(InvalidLinkTokenError);
    expect(() => signer.verify(token, 'preferences')).toThrow(/not "preferences"/);
    expect(() => new LinkSigner('x'.repeat(40), 'https://l.example').verify(token, 'unsubscribe')).toThrow(
      /bad signature/,
    );
    expect(() => signer.verify(`${payload}`, 'unsubscribe')).toThrow(/malformed/);
    expect(() => signer.verify(undefined, 'unsubscribe')).toThrow(/malformed/);
  });
});

describe('EmlOutboxTransport with DKIM', () => {
  it('signs each message with the configured domain and selector (RFC 6376), over the headers that matter', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { EmlOutboxTransport } = await import('./eml-outbox.transport.js');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const dir = mkdtempSync(join(tmpdir(), 'dkim-'));
    try {
      const transport = new EmlOutboxTransport(dir, { domainName: 'b.example', keySelector: 'lode1', privateKey: pem });
      const { providerMessageId } = await transport.send({
        from: 'Lodestone <a@b.example>',
        to: { name: 'Mei', address: 'mei@c.example' },
        subject: 'Dy export licence',
        html: '<p>h</p>',
        text: 't',
        messageId: '<1@b.example>',
      });
      const eml = readFileSync(providerMessageId, 'utf8');
      const header = /^DKIM-Signature: ([\s\S]*?)\n(?=\S)/m.exec(eml)?.[1] ?? '';
      expect(header).toMatch(/d=b\.example;/);
      expect(header).toMatch(/s=lode1;/);
      expect(header.replace(/\s+/g, '')).toMatch(/h=[^;]*From[^;]*Subject/i);
      expect(eml).toMatch(/^Auto-Submitted: auto-generated$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SmtpMailTransport', () => {
  /** An SMTP server on 127.0.0.1 keeping each message's envelope and bytes. */
  async function sink() {
    const { SMTPServer } = await import('smtp-server');
    const got: { from: string; to: string[]; data: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          got.push({
            from: (session.envelope.mailFrom as { address: string }).address,
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as { port: number };
    return { url: `smtp://127.0.0.1:${port}`, got, close: () => new Promise<void>((r) => server.close(() => r())) };
  }

  const mail = {
    from: 'Lodestone <alerts@b.example>',
    to: { name: '李 明', address: 'li@c.example' },
    subject: '[HIGH] MOFCOM/GAC Announcement 2025 No. 18: export licence required — matches Dy',
    html: `<p>${'Dysprosium (Dy) — 镝. '.repeat(40)}</p>\n<p>.leading dot</p>`,
    text: `${'Dysprosium (Dy) — 镝. '.repeat(40)}\n.leading dot\n`,
    messageId: '<0196-1@b.example>',
    headers: { 'X-Lodestone-Delivery': '0196-1' },
    listUnsubscribeUrl: 'https://lodestone.example/v1/email/unsubscribe?token=c.d',
  };

  it('sends the bytes of nodemailer sendMail, with their envelope, and DKIM-signs them', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const nodemailer = (await import('nodemailer')).default;
    const { SmtpMailTransport } = await import('./smtp.transport.js');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const server = await sink();
    const plain = new SmtpMailTransport(server.url);
    const signed = new SmtpMailTransport(server.url, undefined, {
      domainName: 'b.example',
      keySelector: 'lode1',
      privateKey: pem,
    });
    try {
      await plain.send(mail);
      await signed.send(mail);
      // What nodemailer's own sendMail builds from the same options (its streamed build, no transport).
      const reference = await nodemailer
        .createTransport({ streamTransport: true, buffer: true })
        .sendMail(toNodemailerMessage(mail));
      // Date and MIME boundaries differ between two builds; everything else must be byte for byte the same.
      const normalise = (m: string) =>
        m
          .replace(/\r\n/g, '\n')
          .replace(/^Date: .*$/m, 'Date: -')
          .replace(/--_NmP-[0-9a-f-]+-Part_\d+/g, 'BOUNDARY')
          .replace(/boundary="[^"]+"/g, 'boundary="BOUNDARY"')
          .trimEnd();
      expect(server.got).toHaveLength(2);
      const [first, second] = server.got;
      expect(first).toMatchObject({ from: 'alerts@b.example', to: ['li@c.example'] });
      expect(normalise(first!.data)).toBe(normalise((reference.message as Buffer).toString('utf8')));
      expect(first!.data).toMatch(/^Message-ID: <0196-1@b\.example>$/m);
      expect(first!.data).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
      const dkim = /^DKIM-Signature: ([\s\S]*?)\r\n(?=\S)/m.exec(second!.data)?.[1] ?? '';
      expect(dkim).toMatch(/d=b\.example;/);
      expect(dkim.replace(/\s+/g, '')).toMatch(/h=[^;]*From[^;]*Subject/i);
      expect(normalise(second!.data.replace(/^DKIM-Signature: [\s\S]*?\r\n(?=\S)/m, ''))).toBe(normalise(first!.data));
    } finally {
      await plain.close();
      await signed.close();
      await server.close();
    }
  });

  it('encodes text and HTML quoted-printable even when most characters are Chinese, and they decode to the input', async () => {
    const { simpleParser } = await import('mailparser');
    const { SmtpMailTransport } = await import('./smtp.transport.js');
    const server = await sink();
    const transport = new SmtpMailTransport(server.url);
    // Mostly CJK: nodemailer's own choice for such a part would be base64 (more non-Latin than Latin characters).
    const chinese = '江西金力永磁科技股份有限公司 出口许可 镝 铽 '.repeat(30);
    try {
      await transport.send({ ...mail, html: `<p>${chinese}</p>`, text: `${chinese}\n` });
      const data = server.got[0]!.data;
      const encodings = [...data.matchAll(/^Content-Transfer-Encoding: (.+)$/gm)].map((m) => m[1]!.trim());
      expect(encodings).toEqual(['quoted-printable', 'quoted-printable']);
      expect(data).not.toMatch(/^Content-Transfer-Encoding: base64/m);
      const parsed = await simpleParser(data);
      expect(parsed.text).toBe(`${chinese}\n`);
      expect(parsed.html).toBe(`<p>${chinese}</p>`);
      expect(parsed.subject).toBe(mail.subject);
    } finally {
      await transport.close();
      await server.close();
    }
  });
});

describe('email bursts: which claimed rows are grouped', () => {
  const row = (id: string, over: Partial<ClaimedDelivery> = {}): ClaimedDelivery => ({
    id,
    tenantId: 't1',
    userId: 'u1',
    template: 'alert',
    templateVersion: 1,
    payload: { severity: 'HIGH' },
    recipient: 'u1@example.com',
    messageId: `<${id}@example.com>`,
    attempts: 1,
    nextAttemptAt: new Date(0),
    ...over,
  });

  it('groups the immediate alerts of a user, never CRITICAL, other templates, rows without a user, or with the window off', () => {
    expect(burstable(row('a'), 120_000)).toBe(true);
    expect(burstable(row('a'), 0)).toBe(false);
    expect(burstable(row('a', { payload: { severity: 'CRITICAL' } }), 120_000)).toBe(false);
    expect(burstable(row('a', { template: 'digest' }), 120_000)).toBe(false);
    expect(burstable(row('a', { userId: null }), 120_000)).toBe(false);
  });

  it('makes one unit per recipient, oldest first, and leaves the others alone', () => {
    const units = groupByRecipient(
      [
        row('03'),
        row('02', { userId: 'u2' }),
        row('01'),
        row('04', { payload: { severity: 'CRITICAL' } }),
        row('05', { template: 'digest' }),
      ],
      120_000,
    );
    expect(units.map((u) => u.map((r) => r.id))).toEqual([['01', '03'], ['02'], ['04'], ['05']]);
  });
});
