import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request a receiver got. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered (0: it closed the connection or never answered). */
  status: number;
  /** Why a shape or signature check failed, when it did. */
  problem: string | null;
}

type Check = (body: unknown) => string | null;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What a Slack incoming webhook accepts, checked as Slack documents Block Kit: `text` (fallback) and `blocks`, each with
 * a known `type`; header text plain_text at most 150 characters; section text at most 3,000; actions elements buttons
 * with plain_text labels and URLs. Returns the first problem or null.
 */
export const slackShape: Check = (b) => {
  if (!isObj(b) || typeof b.text !== 'string' || !Array.isArray(b.blocks)) return 'text and blocks required';
  if (b.blocks.length > 50) return 'at most 50 blocks';
  for (const block of b.blocks) {
    if (!isObj(block)) return 'block must be an object';
    if (block.type === 'header') {
      const t = block.text;
      if (!isObj(t) || t.type !== 'plain_text' || typeof t.text !== 'string' || t.text.length > 150)
        return 'header text: plain_text up to 150';
    } else if (block.type === 'section') {
      const t = block.text;
      if (!isObj(t) || typeof t.text !== 'string' || t.text.length > 3000) return 'section text up to 3000';
      if (block.fields !== undefined && (!Array.isArray(block.fields) || block.fields.length > 10))
        return 'fields up to 10';
    } else if (block.type === 'actions') {
      if (!Array.isArray(block.elements) || !block.elements.length) return 'actions need elements';
      for (const e of block.elements)
        if (
          !isObj(e) ||
          e.type !== 'button' ||
          !isObj(e.text) ||
          typeof e.url !== 'string' ||
          !/^https?:\/\//.test(e.url)
        )
          return 'button with text and url';
    } else return `unknown block type ${String(block.type)}`;
  }
  return null;
};

/**
 * What a Teams Workflows webhook ("post to a channel when a webhook request is received") accepts: a `message` with
 * attachments whose contentType is `application/vnd.microsoft.card.adaptive` and whose content is an AdaptiveCard with
 * a version, a body of elements with types, and Action.OpenUrl actions with URLs.
 */
export const teamsShape: Check = (b) => {
  if (!isObj(b) || b.type !== 'message' || !Array.isArray(b.attachments) || !b.attachments.length)
    return 'message with attachments required';
  const a = b.attachments[0];
  if (!isObj(a) || a.contentType !== 'application/vnd.microsoft.card.adaptive') return 'adaptive card attachment';
  const c = a.content;
  if (!isObj(c) || c.type !== 'AdaptiveCard' || typeof c.version !== 'string' || !Array.isArray(c.body))
    return 'AdaptiveCard with version and body';
  for (const el of c.body) if (!isObj(el) || typeof el.type !== 'string') return 'body element without type';
  if (!Array.isArray(c.actions)) return 'actions array';
  for (const act of c.actions)
    if (!isObj(act) || act.type !== 'Action.OpenUrl' || typeof act.url !== 'string' || typeof act.title !== 'string')
      return 'Action.OpenUrl with title and url';
  return null;
};

/**
 * Real HTTP receivers on 127.0.0.1 for channel tests, one server, one behaviour per path:
 * `/hook/<name>` verifies the Standard Webhooks signature with the `standardwebhooks` library against the secret set
 * with {@link setSecret} (204, or 401 on a bad signature or tampered body); `/slack…` and `/teams…` check the payload
 * shape (200 `ok` / 202, or 400 naming the problem); `/flaky` answers 500 then 200; `/down` always 500; `/slow`
 * answers after 3 s; `/close` destroys the connection.
 */
export class ChannelReceivers {
  readonly received: Received[] = [];
  private server: Server | null = null;
  private readonly secrets = new Map<string, string>();
  private flakyCount = 0;
  base = '';

  setSecret(name: string, secret: string): void {
    this.secrets.set(name, secret);
  }

  /** The secret `/hook/<name>` verifies with. */
  secretOf(name: string): string {
    const secret = this.secrets.get(name);
    if (!secret) throw new Error(`no secret for ${name}`);
    return secret;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '';
        const record = (status: number, problem: string | null = null) =>
          this.received.push({ path, headers: req.headers, body, status, problem });
        const answer = (status: number, text = '') => {
          record(status, status >= 400 && status !== 500 ? text : null);
          res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
        };
        if (path.startsWith('/hook/')) {
          const secret = this.secrets.get(path.slice('/hook/'.length));
          try {
            new Webhook(secret ?? 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').verify(
              body,
              req.headers as Record<string, string>,
            );
            answer(204);
          } catch (error) {
            answer(401, `signature: ${(error as Error).message}`);
          }
        } else if (path.startsWith('/slack') || path.startsWith('/teams')) {
          let parsed: unknown;
          try {
            parsed = JSON.parse(body);
          } catch {
            return answer(400, 'invalid_json');
          }
          const slack = path.startsWith('/slack');
          const problem = (slack ? slackShape : teamsShape)(parsed);
          if (problem) answer(400, problem);
          else answer(slack ? 200 : 202, slack ? 'ok' : '');
        } else if (path === '/flaky') {
          answer(this.flakyCount++ === 0 ? 500 : 200, this.flakyCount === 1 ? 'temporarily broken' : 'ok');
        } else if (path === '/down') answer(500, 'down');
        else if (path === '/slow')
          setTimeout(() => {
            record(0);
            if (!res.destroyed) res.writeHead(200).end('late');
          }, 3000);
        else if (path === '/close') {
          record(0);
          req.socket.destroy();
        } else answer(404, 'no such receiver');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  /** Requests to `path`. */
  to(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
