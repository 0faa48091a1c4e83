import {
  CHANNEL_MESSAGE_VERSION,
  type ChannelMessage,
  ChannelMessageError,
  channelRow,
  checkChannelMessage,
  storedMessage,
  storedMessageWith,
} from './messages.js';

/** A message as the outbox writer stores it (current version). */
const message: ChannelMessage = {
  v: CHANNEL_MESSAGE_VERSION,
  type: 'alert.created',
  timestamp: '2026-03-02T09:00:00.000Z',
  tenant: { id: '0193a5c8-7a10-7000-8000-000000000001', name: 'JL MAG Rare-Earth Co., Ltd.' },
  alert: {
    id: '0193a5c8-7a10-7000-8000-000000000002',
    severity: 'HIGH',
    title: 'MOFCOM/GAC Announcement 2025 No. 18',
    matched: ['Dy'],
    reasons: [{ text: 'Your watch on dysprosium (Dy) is named.', via: 'ELEMENT_NAMED' }],
    reasonsTotal: 1,
  },
  event: {
    type: 'POLICY_CHANGE',
    title: 'MOFCOM/GAC Announcement 2025 No. 18',
    summary: 'Export licence required for seven medium and heavy rare earths.',
    jurisdiction: 'CN',
    issuer: 'MOFCOM/GAC',
    actionLabel: 'Export licence required',
    effectiveDate: '2025-04-04',
    sourceUrl: null,
    reference: 'MOFCOM/GAC Announcement 2025 No. 18',
  },
};
const stored = (): unknown => JSON.parse(JSON.stringify(message));

describe('versioned channel messages (outbox rows written by one build, sent by another)', () => {
  it('stamps the current version on rows it writes, after checking the message', () => {
    const row = { dedupeKey: 'k', payload: message };
    expect(channelRow(row)).toEqual({ dedupeKey: 'k', payload: message, payloadVersion: CHANNEL_MESSAGE_VERSION });
    expect(() => channelRow({ payload: { ...message, alert: { ...message.alert, severity: 'URGENT' } } })).toThrow(
      'channel message: alert.severity must be one of INFO, LOW, MEDIUM, HIGH, CRITICAL',
    );
    expect(() => channelRow({ payload: { ...message, timestamp: '2026-03-02 09:00' } })).toThrow(
      /timestamp must be an ISO-8601 instant/,
    );
    expect(() => channelRow({ payload: { ...message, type: 'alert.updated' } })).toThrow(
      'channel message: update must be present for alert.updated',
    );
  });

  it('names the field that does not fit, nested ones included', () => {
    const bad = (patch: object) => () => checkChannelMessage({ ...message, ...patch });
    expect(bad({ tenant: null })).toThrow('channel message: tenant must be an object');
    expect(bad({ alert: { ...message.alert, reasons: [{ text: 'x' }] } })).toThrow(
      'channel message: alert.reasons[0].via must be a string',
    );
    expect(bad({ event: { ...message.event, issuer: 7 } })).toThrow('event.issuer must be a string or null');
    expect(bad({ update: { change: 'EXPIRED', text: 't', alerts: [{ id: 'a', title: 't' }] } })).toThrow(
      'update.alerts[0].newStatus must be a string',
    );
    expect(() => checkChannelMessage('text')).toThrow(ChannelMessageError);
    expect(() => checkChannelMessage(message)).not.toThrow();
  });

  it('reads a stored row of the current version as written', () => {
    expect(storedMessage(CHANNEL_MESSAGE_VERSION, stored())).toEqual(message);
  });

  it('refuses, with the reason, a row of a newer build, a non-version and a shape that does not fit', () => {
    expect(() => storedMessage(99, stored())).toThrow(
      `channel message: version 99 was written by a newer Lodestone; this one sends up to version ${CHANNEL_MESSAGE_VERSION}`,
    );
    expect(() => storedMessage(0, stored())).toThrow(/stored props version 0 is not a version/);
    expect(() => storedMessage(0, stored())).toThrow(ChannelMessageError);
    expect(() =>
      storedMessage(CHANNEL_MESSAGE_VERSION, { ...message, alert: { ...message.alert, matched: 'Dy' } }),
    ).toThrow('channel message: alert.matched must be an array');
  });

  it('upgrades step by step, and names the missing step', () => {
    // A future shape: version 3 renames `alert.matched` to `alert.labels` (step 1 -> 2) and adds `links` (2 -> 3).
    const steps = {
      1: (m: Record<string, unknown>) => {
        const { matched, ...alert } = m.alert as Record<string, unknown>;
        return { ...m, v: 2, alert: { ...alert, labels: matched } };
      },
      2: (m: Record<string, unknown>) => ({ ...m, v: 3, links: [] }),
    };
    const isV3 = (m: unknown): asserts m is { v: 3; alert: { labels: string[] }; links: unknown[] } => {
      if ((m as { v: number }).v !== 3) throw new ChannelMessageError('channel message: v must be 3');
    };
    const v1 = stored();
    const upgraded = storedMessageWith(1, v1, 3, steps, isV3);
    expect(upgraded).toMatchObject({ v: 3, alert: { labels: ['Dy'] }, links: [] });
    expect(v1).toEqual(message); // the stored message is not modified
    expect(() => storedMessageWith(1, v1, 4, steps, isV3)).toThrow(
      'channel message: no upgrade from props version 3 to 4',
    );
    expect(() => storedMessageWith(1, v1, 4, steps, isV3)).toThrow(ChannelMessageError);
  });
});
