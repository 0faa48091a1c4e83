import { upgradeProps, type UpgradeSteps } from '@lodestone/email-templates';
import { SEVERITY_ORDER, type EventSummary, type Severity } from '@lodestone/shared-types';

/**
 * Event types an endpoint can subscribe to: `alert.created` (a new alert) and `alert.updated` (the measure behind
 * earlier alerts changed status without a new announcement, e.g. a suspension lapsed on its end date and the controls
 * are back in force).
 */
export const CHANNEL_EVENT_TYPES = ['alert.created', 'alert.updated'] as const;
export type ChannelEventType = (typeof CHANNEL_EVENT_TYPES)[number];

/** One reason as channels show it: the sentence the matcher wrote and how it matched. */
export interface ChannelReason {
  text: string;
  via: string;
}

/**
 * The channel-neutral message stored in `ChannelDelivery.payload` (its shape version in `ChannelDelivery.payloadVersion`,
 * {@link CHANNEL_MESSAGE_VERSION}; `v` repeats it), formatted per kind at send time by {@link webhookBody},
 * {@link slackBody} and {@link teamsBody}. Instants are ISO-8601 UTC.
 */
export interface ChannelMessage {
  v: typeof CHANNEL_MESSAGE_VERSION;
  type: ChannelEventType | 'webhook.test';
  /** When the alert was raised (or the test asked for). */
  timestamp: string;
  tenant: { id: string; name: string };
  alert: {
    id: string;
    severity: Severity;
    title: string;
    /** Short labels of what of the tenant's matched (shared `subjectLabels`), e.g. ["JL MAG Rare-Earth Co., Ltd.", "Dy"]. */
    matched: string[];
    /** Reason sentences (at most {@link MAX_CHANNEL_REASONS}; `reasonsTotal` counts all). */
    reasons: ChannelReason[];
    reasonsTotal: number;
  };
  event: EventSummary;
  /** `alert.updated` only: what changed, in one sentence, and the earlier alerts it changes. */
  update?: ChannelUpdate;
}

/** What an `alert.updated` message reports. */
export interface ChannelUpdate {
  /** EXPIRED: a suspension lapsed (the measures it suspended are back in force). */
  change: 'EXPIRED';
  /** One sentence, e.g. "The suspension by MOFCOM Announcement 2025 No. 70 ended on 2026-11-10 …". */
  text: string;
  /** The earlier alerts whose measure status changed, with their new status. */
  alerts: { id: string; title: string; newStatus: string }[];
}

/**
 * Version of the {@link ChannelMessage} shape, stamped on every channel outbox row (`ChannelDelivery.payloadVersion`)
 * by {@link channelRow}. A change of the shape bumps it and adds the step from the previous version to
 * {@link CHANNEL_MESSAGE_UPGRADES}, so rows written before (a retry due in an hour, a burst waiting for its window)
 * are still sent after an upgrade of Lodestone; a row whose version has no path to this one fails with the reason.
 */
export const CHANNEL_MESSAGE_VERSION = 1;

/** Steps from one message version to the next: `[v]` turns a message of version `v` into one of `v + 1`. None yet. */
export const CHANNEL_MESSAGE_UPGRADES: UpgradeSteps = {};

/** A stored or new channel message that cannot be sent: wrong shape, or a version with no path to the current one. */
export class ChannelMessageError extends TypeError {
  override name = 'ChannelMessageError';
}

const CHANNEL_MESSAGE_TYPES: readonly string[] = [...CHANNEL_EVENT_TYPES, 'webhook.test'];
const EVENT_TYPES: readonly string[] = ['POLICY_CHANGE', 'PERMIT_EVENT'];
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks that `message` has the {@link ChannelMessage} shape of the current version (what the formatters read).
 * @throws ChannelMessageError naming the first field that is missing or of the wrong type, e.g.
 *   `channel message: alert.severity must be one of INFO, LOW, MEDIUM, HIGH, CRITICAL`.
 */
export function checkChannelMessage(message: unknown): asserts message is ChannelMessage {
  const fail = (field: string, must: string): never => {
    throw new ChannelMessageError(`channel message: ${field} must be ${must}`);
  };
  const obj = (v: unknown, field: string): Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : fail(field, 'an object');
  const str = (o: Record<string, unknown>, key: string, at: string, nullable = false) => {
    const v = o[key];
    if (typeof v === 'string' || (nullable && v === null)) return;
    fail(`${at}${key}`, nullable ? 'a string or null' : 'a string');
  };
  const oneOf = (v: unknown, values: readonly string[], field: string) => {
    if (typeof v !== 'string' || !values.includes(v)) fail(field, `one of ${values.join(', ')}`);
  };
  const list = (v: unknown, field: string): unknown[] => (Array.isArray(v) ? v : fail(field, 'an array'));

  const m = obj(message, 'the message');
  if (m.v !== CHANNEL_MESSAGE_VERSION) fail('v', String(CHANNEL_MESSAGE_VERSION));
  oneOf(m.type, CHANNEL_MESSAGE_TYPES, 'type');
  if (typeof m.timestamp !== 'string' || !ISO_INSTANT.test(m.timestamp))
    fail('timestamp', 'an ISO-8601 instant with its zone');
  const tenant = obj(m.tenant, 'tenant');
  str(tenant, 'id', 'tenant.');
  str(tenant, 'name', 'tenant.');
  const alert = obj(m.alert, 'alert');
  str(alert, 'id', 'alert.');
  oneOf(alert.severity, SEVERITY_ORDER, 'alert.severity');
  str(alert, 'title', 'alert.');
  list(alert.matched, 'alert.matched').forEach((x, i) => {
    if (typeof x !== 'string') fail(`alert.matched[${i}]`, 'a string');
  });
  list(alert.reasons, 'alert.reasons').forEach((x, i) => {
    const r = obj(x, `alert.reasons[${i}]`);
    str(r, 'text', `alert.reasons[${i}].`);
    str(r, 'via', `alert.reasons[${i}].`);
  });
  if (!Number.isInteger(alert.reasonsTotal) || (alert.reasonsTotal as number) < 0)
    fail('alert.reasonsTotal', 'a non-negative integer');
  const event = obj(m.event, 'event');
  oneOf(event.type, EVENT_TYPES, 'event.type');
  for (const key of ['title', 'summary', 'jurisdiction', 'actionLabel']) str(event, key, 'event.');
  for (const key of ['issuer', 'effectiveDate', 'sourceUrl', 'reference']) str(event, key, 'event.', true);
  if (m.update !== undefined) {
    const update = obj(m.update, 'update');
    oneOf(update.change, ['EXPIRED'], 'update.change');
    str(update, 'text', 'update.');
    list(update.alerts, 'update.alerts').forEach((x, i) => {
      const a = obj(x, `update.alerts[${i}]`);
      for (const key of ['id', 'title', 'newStatus']) str(a, key, `update.alerts[${i}].`);
    });
  } else if (m.type === 'alert.updated') fail('update', 'present for alert.updated');
}

/**
 * A channel outbox row as every writer stores it ({@link ChannelsRepository.insertDeliveries} passes each row
 * through): the message checked against the current shape where it is written (a bad row is refused in the writer's
 * transaction, not found at send time) and stamped with {@link CHANNEL_MESSAGE_VERSION}.
 * @returns a copy of the row with `payloadVersion`.
 * @throws ChannelMessageError naming the field, as {@link checkChannelMessage}.
 */
export function channelRow<R extends { payload: unknown }>(row: R): R & { payloadVersion: number } {
  checkChannelMessage(row.payload);
  return { ...row, payloadVersion: CHANNEL_MESSAGE_VERSION };
}

/**
 * A message as stored in the channel outbox (JSON written by this or an older build at `version`), brought to the
 * current version step by step ({@link CHANNEL_MESSAGE_UPGRADES}) and checked.
 * @param version - the stored `ChannelDelivery.payloadVersion`.
 * @param payload - the stored `ChannelDelivery.payload`.
 * @throws ChannelMessageError when the version is newer than this build's (`channel message: version 99 was written
 *   by a newer Lodestone; this one sends up to version 1`), is not a version, has no upgrade step, or the upgraded
 *   message does not have the current shape.
 */
export function storedMessage(version: number, payload: unknown): ChannelMessage {
  return storedMessageWith(version, payload, CHANNEL_MESSAGE_VERSION, CHANNEL_MESSAGE_UPGRADES);
}

/**
 * {@link storedMessage} against a given current version, steps and shape check (tests of the upgrade path).
 * @throws ChannelMessageError as {@link storedMessage}.
 */
export function storedMessageWith<M = ChannelMessage>(
  version: number,
  payload: unknown,
  to: number,
  steps: UpgradeSteps,
  check: (message: unknown) => asserts message is M = checkChannelMessage as (message: unknown) => asserts message is M,
): M {
  if (Number.isInteger(version) && version > to)
    throw new ChannelMessageError(
      `channel message: version ${version} was written by a newer Lodestone; this one sends up to version ${to}`,
    );
  let upgraded: unknown;
  try {
    upgraded = upgradeProps('channel message', version, to, steps, payload);
  } catch (error) {
    // The reasons of email props ("no upgrade from props version 1 to 2"), under the channel error's name.
    throw new ChannelMessageError((error as Error).message.replace(/^template /, ''));
  }
  check(upgraded);
  return upgraded;
}

/** Reasons a channel message lists; the console shows the rest. */
export const MAX_CHANNEL_REASONS = 10;

/** Links added at send time (the acknowledgement link is signed and expires, so it is not stored). */
export interface ChannelLinks {
  /** The alert in the web console. */
  console: string;
  /** The alert in the API (GET /v1/alerts/:id, needs a token). */
  api: string;
  /** Opens a page that acknowledges the alert (signed, expiring; see ack-links.ts). */
  acknowledge: string;
}

/**
 * The Standard Webhooks body (`{ type, timestamp, data }`, https://www.standardwebhooks.com/): `data` carries the
 * tenant, the alert with its reasons, the event and the links.
 */
export function webhookBody(message: ChannelMessage, links: ChannelLinks) {
  return {
    type: message.type,
    timestamp: message.timestamp,
    data: {
      tenant: message.tenant,
      alert: message.alert,
      event: message.event,
      ...(message.update ? { update: message.update } : {}),
      links,
    },
  };
}

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
/** Slack mrkdwn needs &, < and > escaped (they delimit links and mentions). */
const mrkdwn = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** "What happened" in one line: the event's action label, issuer and effective date when known. */
function whatHappened(event: EventSummary): string {
  const parts = [
    event.actionLabel,
    event.issuer ? `by ${event.issuer}` : '',
    event.effectiveDate ? `effective ${event.effectiveDate}` : '',
  ];
  return parts.filter(Boolean).join(', ');
}

function reasonLines(message: ChannelMessage): string[] {
  const lines = message.alert.reasons.map((r) => r.text);
  const more = message.alert.reasonsTotal - message.alert.reasons.length;
  if (more > 0) lines.push(`and ${more} more in the console`);
  return lines;
}

function prefix(message: ChannelMessage): string {
  if (message.type === 'webhook.test') return '[Test] ';
  return message.type === 'alert.updated' ? '[Update] ' : '';
}

/** "What changed" lines of an update: its sentence, then each earlier alert with its new measure status. */
function updateLines(update: ChannelUpdate): string[] {
  return [update.text, ...update.alerts.map((a) => `${a.title}: now ${a.newStatus.replace('_', ' ').toLowerCase()}`)];
}

/**
 * A Slack incoming-webhook body (Block Kit): a header (severity and title, at most 150 characters), what happened
 * with the matched labels as fields, why it matched (reason sentences), and two buttons: open in the console and
 * acknowledge. `text` is the notification fallback. Limits from Slack's Block Kit reference (header text 150
 * characters, section text 3,000, field text 2,000).
 */
export function slackBody(message: ChannelMessage, links: ChannelLinks) {
  const { alert, event } = message;
  const title = `${prefix(message)}${alert.severity}: ${alert.title}`;
  return {
    text: cut(`${title} (${message.tenant.name})`, 3000),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: cut(title, 150), emoji: false } },
      ...(message.update
        ? [
            {
              type: 'section',
              text: {
                type: 'mrkdwn',
                text: cut(
                  `*What changed*\n${updateLines(message.update)
                    .map((l) => `• ${mrkdwn(l)}`)
                    .join('\n')}`,
                  3000,
                ),
              },
            },
          ]
        : []),
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: cut(`*What happened:* ${mrkdwn(whatHappened(event))}\n${mrkdwn(event.title)}`, 3000),
        },
        fields: [
          { type: 'mrkdwn', text: `*Severity*\n${alert.severity}` },
          { type: 'mrkdwn', text: cut(`*Matched*\n${mrkdwn(alert.matched.join(', ') || '–')}`, 2000) },
        ],
      },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: cut(
            `*Why it matched*\n${reasonLines(message)
              .map((l) => `• ${mrkdwn(l)}`)
              .join('\n')}`,
            3000,
          ),
        },
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Open in Lodestone' },
            url: links.console,
            style: 'primary',
            action_id: 'open',
          },
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Acknowledge' },
            url: links.acknowledge,
            action_id: 'acknowledge',
          },
        ],
      },
    ],
  };
}

/**
 * A Microsoft Teams Workflows webhook body: a `message` with one Adaptive Card attachment (contentType
 * `application/vnd.microsoft.card.adaptive`, card version 1.4), the form Microsoft documents for Workflows ("Post to a
 * channel when a webhook request is received") now that Office 365 connectors are retired. The card shows severity,
 * what happened, why it matched, and Action.OpenUrl buttons to the console and to the acknowledgement link.
 */
export function teamsBody(message: ChannelMessage, links: ChannelLinks) {
  const { alert, event } = message;
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: `${prefix(message)}${alert.severity}: ${alert.title}`,
              size: 'Large',
              weight: 'Bolder',
              wrap: true,
              color: alert.severity === 'CRITICAL' || alert.severity === 'HIGH' ? 'Attention' : 'Default',
            },
            ...(message.update
              ? [
                  { type: 'TextBlock', text: 'What changed', weight: 'Bolder', wrap: true },
                  ...updateLines(message.update).map((l) => ({
                    type: 'TextBlock',
                    text: `- ${l}`,
                    wrap: true,
                    spacing: 'Small',
                  })),
                ]
              : []),
            {
              type: 'FactSet',
              facts: [
                { title: 'Severity', value: alert.severity },
                { title: 'What happened', value: whatHappened(event) },
                { title: 'Matched', value: alert.matched.join(', ') || '–' },
                { title: 'Tenant', value: message.tenant.name },
              ],
            },
            { type: 'TextBlock', text: 'Why it matched', weight: 'Bolder', wrap: true },
            ...reasonLines(message).map((l) => ({ type: 'TextBlock', text: `- ${l}`, wrap: true, spacing: 'Small' })),
          ],
          actions: [
            { type: 'Action.OpenUrl', title: 'Open in Lodestone', url: links.console },
            { type: 'Action.OpenUrl', title: 'Acknowledge', url: links.acknowledge },
          ],
        },
      },
    ],
  };
}

/** One alert of a burst group, with its links. */
export interface GroupItem {
  message: ChannelMessage;
  links: ChannelLinks;
}

/** Alerts a grouped message lists; the rest are counted and are in the console. */
export const MAX_GROUP_ITEMS = 20;

function groupTitle(items: readonly GroupItem[], windowMinutes: number): string {
  return `${items.length} alerts in the last ${windowMinutes} minute${windowMinutes === 1 ? '' : 's'}`;
}

/**
 * One Slack message for a burst: a header ("3 alerts in the last 2 minutes"), then per alert (oldest first, at most
 * {@link MAX_GROUP_ITEMS}) a section with severity, title, what matched and its first reason, with an "Acknowledge"
 * button, and a closing button to the console. Same limits as {@link slackBody}.
 */
export function slackGroupBody(items: readonly GroupItem[], windowMinutes: number) {
  const title = groupTitle(items, windowMinutes);
  const listed = items.slice(0, MAX_GROUP_ITEMS);
  const first = items[0]!;
  const console = first.links.console.replace(/\?alert=.*$/, '');
  return {
    text: cut(`${title} (${first.message.tenant.name})`, 3000),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: cut(title, 150), emoji: false } },
      ...listed.map(({ message: m, links }) => ({
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: cut(
            `*${m.alert.severity}: <${links.console}|${mrkdwn(m.alert.title)}>*\n${mrkdwn(whatHappened(m.event))}; matched ${mrkdwn(m.alert.matched.join(', ') || '–')}\n${mrkdwn(m.alert.reasons[0]?.text ?? '')}`,
            3000,
          ),
        },
        accessory: {
          type: 'button',
          text: { type: 'plain_text', text: 'Acknowledge' },
          url: links.acknowledge,
          action_id: `acknowledge-${m.alert.id}`,
        },
      })),
      ...(items.length > listed.length
        ? [
            {
              type: 'section',
              text: { type: 'mrkdwn', text: `and ${items.length - listed.length} more in the console` },
            },
          ]
        : []),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Open alerts in Lodestone' },
            url: console,
            style: 'primary',
            action_id: 'open',
          },
        ],
      },
    ],
  };
}

/**
 * One Teams message for a burst: an Adaptive Card with the count as its title and per alert a container (severity and
 * title, what happened and what matched, first reason, and markdown links to open and acknowledge it).
 */
export function teamsGroupBody(items: readonly GroupItem[], windowMinutes: number) {
  const listed = items.slice(0, MAX_GROUP_ITEMS);
  const first = items[0]!;
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: groupTitle(items, windowMinutes), size: 'Large', weight: 'Bolder', wrap: true },
            ...listed.map(({ message: m, links }) => ({
              type: 'Container',
              separator: true,
              items: [
                { type: 'TextBlock', text: `${m.alert.severity}: ${m.alert.title}`, weight: 'Bolder', wrap: true },
                {
                  type: 'TextBlock',
                  text: `${whatHappened(m.event)}; matched ${m.alert.matched.join(', ') || '–'}`,
                  wrap: true,
                  spacing: 'Small',
                },
                { type: 'TextBlock', text: m.alert.reasons[0]?.text ?? '', wrap: true, spacing: 'Small' },
                {
                  type: 'TextBlock',
                  text: `[Open](${links.console}) · [Acknowledge](${links.acknowledge})`,
                  wrap: true,
                  spacing: 'Small',
                },
              ],
            })),
            ...(items.length > listed.length
              ? [{ type: 'TextBlock', text: `and ${items.length - listed.length} more in the console`, wrap: true }]
              : []),
          ],
          actions: [
            {
              type: 'Action.OpenUrl',
              title: 'Open alerts in Lodestone',
              url: first.links.console.replace(/\?alert=.*$/, ''),
            },
          ],
        },
      },
    ],
  };
}
