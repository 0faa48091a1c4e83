import { Webhook } from 'standardwebhooks';
import { LinkSigner } from '../../common/signed-links.js';
import { AckLinkSigner } from './ack-links.js';
import { atLeast, burstDue, groupable } from './channel-outbox.js';
import { groupBursts, signatureHeader } from './channel-worker.js';
import type { ClaimedChannelDelivery } from './channels.repository.js';
import { type ChannelMessage, slackBody, teamsBody, webhookBody } from './messages.js';
import { slackShape, teamsShape } from '../../testing/channel-receivers.js';
import { newWebhookSecret } from './channels.service.js';

const SECRET = 'test-link-signing-secret-0123456789abcdef';
const message: ChannelMessage = {
  v: 1,
  type: 'alert.created',
  timestamp: '2026-03-02T09:00:00.000Z',
  tenant: { id: '0190f0e8-0000-7000-8000-000000000001', name: 'Nordwerk <Magnetics> & Co' },
  alert: {
    id: '0190f0e8-0000-7000-8000-000000000002',
    severity: 'CRITICAL',
    title: 'x'.repeat(300),
    matched: ['Dy', 'HS 8505.11'],
    reasons: [{ text: 'Your watch on dysprosium (Dy) matches: the event names Dy.', via: 'ELEMENT_NAMED' }],
    reasonsTotal: 4,
  },
  event: {
    type: 'POLICY_CHANGE',
    title: 'Export licences required for seven medium and heavy rare earths',
    summary: '',
    jurisdiction: 'CN',
    issuer: 'MOFCOM/GAC',
    actionLabel: 'Export licence required',
    effectiveDate: '2025-04-04',
    sourceUrl: null,
    reference: null,
  },
};
const links = {
  console: 'https://l.example/alerts?alert=a',
  api: 'https://l.example/v1/alerts/a',
  acknowledge: 'https://l.example/ack',
};

describe('channel messages', () => {
  it('Slack: valid Block Kit within limits, mrkdwn escaped, reasons and the count of the rest, two buttons', () => {
    const body = slackBody(message, links);
    expect(slackShape(body)).toBeNull();
    expect(body.blocks[0]!.text!.text).toHaveLength(150);
    const json = JSON.stringify(body.blocks);
    expect(json).toContain('dysprosium (Dy)');
    expect(json).toContain('and 3 more in the console');
    expect(json).toContain('*What happened:* Export licence required, by MOFCOM/GAC, effective 2025-04-04');
    expect(body.text).toContain('Nordwerk <Magnetics> & Co'); // the fallback text is plain
  });

  it('Teams: a message with one Adaptive Card attachment, facts and two Action.OpenUrl', () => {
    const body = teamsBody(message, links);
    expect(teamsShape(body)).toBeNull();
    const card = body.attachments[0]!.content;
    expect(card.body[0]).toMatchObject({ color: 'Attention', weight: 'Bolder' });
    expect(card.actions.map((a) => a.url)).toEqual([links.console, links.acknowledge]);
  });

  it('webhook: the Standard Webhooks envelope with the links', () => {
    expect(webhookBody(message, links)).toEqual({
      type: 'alert.created',
      timestamp: message.timestamp,
      data: { tenant: message.tenant, alert: message.alert, event: message.event, links },
    });
  });

  it('alert.updated: [Update] title, what changed first (sentence, then each earlier alert), update in the webhook data', () => {
    const update: ChannelMessage = {
      ...message,
      type: 'alert.updated',
      update: {
        change: 'EXPIRED',
        text: 'The suspension by MOFCOM/GAC Announcement 2025 No. 70 ended on 2026-11-10 and no newer announcement extended it.',
        alerts: [{ id: 'a1', title: 'Controls on medium and heavy rare earths', newStatus: 'IN_FORCE' }],
      },
    };
    const slack = slackBody(update, links);
    expect(slackShape(slack)).toBeNull();
    expect(slack.blocks[0]!.text!.text).toMatch(/^\[Update\] CRITICAL: /);
    expect(slack.blocks[1]!.text!.text).toBe(
      '*What changed*\n• The suspension by MOFCOM/GAC Announcement 2025 No. 70 ended on 2026-11-10 and no newer announcement extended it.\n• Controls on medium and heavy rare earths: now in force',
    );
    const teams = teamsBody(update, links);
    expect(teamsShape(teams)).toBeNull();
    const texts = teams.attachments[0]!.content.body.map((b) => ('text' in b ? b.text : ''));
    expect(texts.slice(0, 4)).toEqual([
      expect.stringMatching(/^\[Update\] CRITICAL: /),
      'What changed',
      `- ${update.update!.text}`,
      '- Controls on medium and heavy rare earths: now in force',
    ]);
    expect(webhookBody(update, links).data.update).toEqual(update.update);
    expect('update' in webhookBody(message, links).data).toBe(false);
  });

  it('signs with every given secret; each verifies alone with the standardwebhooks library', () => {
    const [a, b] = [newWebhookSecret(), newWebhookSecret()];
    const at = new Date();
    const body = '{"type":"alert.created"}';
    const header = signatureHeader([a, b], 'msg_1', at, body);
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': header,
    };
    expect(() => new Webhook(a).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(b).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(a).verify(`${body} `, headers)).toThrow();
  });

  it('severity threshold', () => {
    expect(atLeast('HIGH', 'MEDIUM')).toBe(true);
    expect(atLeast('LOW', 'MEDIUM')).toBe(false);
    expect(atLeast('INFO', 'INFO')).toBe(true);
  });
});

describe('acknowledgement links', () => {
  const signer = new AckLinkSigner(SECRET, 'https://l.example', 3600);
  const now = new Date('2026-03-02T09:00:00Z');

  it('round-trips, expires after the TTL, refuses forged tokens and email-link tokens', () => {
    const token = signer.sign('alert-1', 'tenant-1', 'endpoint-1', now);
    expect(signer.verify(token, now)).toEqual({
      alertId: 'alert-1',
      tenantId: 'tenant-1',
      endpointId: 'endpoint-1',
      expiresAt: now.getTime() / 1000 + 3600,
    });
    expect(() => signer.verify(token, new Date(now.getTime() + 3600_000))).toThrow(/expired/);
    const [payload, mac] = token.split('.');
    const other = Buffer.from(JSON.stringify({ a: 'alert-2', t: 'tenant-1', e: 'endpoint-1', x: 9e9 })).toString(
      'base64url',
    );
    expect(() => signer.verify(`${other}.${mac}`, now)).toThrow(/bad signature/);
    expect(() => signer.verify(`${payload}.x${mac!.slice(1)}`, now)).toThrow(/bad signature/);
    expect(() => signer.verify(42, now)).toThrow(/malformed/);
    // The same key signs the email links, under another purpose prefix: neither is accepted as the other.
    const email = new LinkSigner(SECRET, 'https://l.example').sign({
      purpose: 'unsubscribe',
      userId: 'u',
      tenantId: 't',
    });
    expect(() => signer.verify(email, now)).toThrow(/bad signature/);
    expect(signer.url('a', 't', 'e', now)).toMatch(/^https:\/\/l\.example\/v1\/alert-actions\/acknowledge\?token=/);
  });
});

describe('bursts', () => {
  const t = (s: number) => new Date(Date.UTC(2026, 2, 2, 9, 0, s));
  const W = 120_000;

  it('the first message goes at once, later ones within the window wait for its end and share one due time', () => {
    expect(burstDue(undefined, t(0), W)).toEqual(t(0));
    expect(burstDue(t(0), t(30), W)).toEqual(t(120)); // a message went at 0: the next waits for 2:00
    expect(burstDue(t(120), t(40), W)).toEqual(t(120)); // joins the waiting group
    expect(burstDue(t(0), t(121), W)).toEqual(t(121)); // the window is over: at once again
  });

  it('groups chat messages below CRITICAL only, and only with a window', () => {
    expect(groupable('SLACK', 'HIGH', W)).toBe(true);
    expect(groupable('TEAMS', 'LOW', W)).toBe(true);
    expect(groupable('SLACK', 'CRITICAL', W)).toBe(false);
    expect(groupable('WEBHOOK', 'HIGH', W)).toBe(false);
    expect(groupable('SLACK', 'HIGH', 0)).toBe(false);
  });

  it('splits a claimed batch into messages: groupable rows per endpoint, oldest first; the rest alone', () => {
    const row = (id: string, endpointId: string, burst: boolean, eventType = 'alert.created') =>
      ({ id, endpointId, burst, eventType }) as ClaimedChannelDelivery;
    const units = groupBursts([
      row('03', 'slack', true),
      row('01', 'slack', true),
      row('02', 'hook', false),
      row('04', 'teams', true),
      row('05', 'slack', true, 'webhook.test'),
    ]);
    expect(units.map((u) => u.map((r) => r.id))).toEqual([['01', '03'], ['02'], ['04'], ['05']]);
  });
});
