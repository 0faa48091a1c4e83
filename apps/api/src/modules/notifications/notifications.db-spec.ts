import type { TestingModule } from '@nestjs/testing';
import { renderEmail, type DigestTemplateProps } from '@lodestone/email-templates';
import { FakeClock } from '../../common/clock.js';
import { ChannelsService } from '../channels/channels.service.js';
import { PrismaService } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../testing/databases.js';
import { magnetMaker, no18 } from '../../testing/fixtures.js';
import { createTestingModule } from '../../testing/test-app.js';
import { EventsService } from '../events/events.service.js';
import type { PolicyChangeDto } from '../events/dto/policy-change.dto.js';
import type { Principal } from '../auth/principal.js';
import { TenantsService } from '../tenants/tenants.service.js';
import { DigestService } from './digest.service.js';
import { PreferencesService } from './preferences.service.js';
import { RemindersService } from './reminders.service.js';

const all = <T>(fn: () => PromiseLike<T>) => crossTenant('test assertions', fn);

/** A measure on Dy (the fixture tenant watches Dy), later suspended by "No. 70" until 2026-11-10. */
const measure = {
  ...no18,
  externalId: 'MOFCOM-2025-61',
  action: 'IMPOSED',
  title: 'Export controls on items containing Chinese rare earths',
  reference: 'MOFCOM Announcement 2025 No. 61',
  effectiveDate: '2025-10-09',
  controlEntries: [],
  hsCodes: [],
  elements: ['Dy'],
} satisfies PolicyChangeDto;
const suspension = {
  source: 'mofcom',
  externalId: 'MOFCOM-GAC-2025-70',
  jurisdiction: 'CN',
  issuer: 'MOFCOM/GAC',
  action: 'SUSPENDED',
  title: 'Suspension of the October 2025 export controls',
  reference: 'MOFCOM/GAC Announcement 2025 No. 70',
  effectiveDate: '2025-11-07',
  endDate: '2026-11-10',
  affects: ['MOFCOM-2025-61'],
} satisfies PolicyChangeDto;

describe.each(ENGINES)('notifications on %s', (engine) => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;
  let prisma: PrismaService;
  let events: EventsService;
  let prefs: PreferencesService;
  let digests: DigestService;
  let reminders: RemindersService;
  const clock = new FakeClock(new Date('2025-10-09T10:00:00Z'));
  let tenantId: string;
  let buyerId: string;

  const rows = (where: Record<string, unknown> = {}) =>
    prisma.db.emailDelivery.findMany({ where: { tenantId, ...where }, orderBy: { createdAt: 'asc' } });

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    moduleRef = await createTestingModule({ DATABASE_URL: testDb.url, WEBHOOK_ALLOW_PRIVATE: 'true' }, clock);
    prisma = moduleRef.get(PrismaService);
    events = moduleRef.get(EventsService);
    prefs = moduleRef.get(PreferencesService);
    digests = moduleRef.get(DigestService);
    reminders = moduleRef.get(RemindersService);
    tenantId = (await moduleRef.get(TenantsService).provision(magnetMaker('notif'))).id;
    buyerId = (await prisma.db.user.findFirstOrThrow({ where: { tenantId, role: 'BUYER' } })).id;
  });
  afterAll(async () => {
    await moduleRef?.close();
    await testDb?.drop();
  });

  beforeEach(async () => {
    await all(() => prisma.db.emailDelivery.deleteMany({}));
    await prisma.db.userNotificationPreference.deleteMany({ where: { tenantId, userId: buyerId } });
  });

  it('sends the immediate email only at or above the user severity threshold, and not for muted elements', async () => {
    await prefs.update(buyerId, tenantId, { immediateMinSeverity: 'CRITICAL' });
    await events.ingestPolicyChange({ ...no18, externalId: 'threshold-1' }); // HIGH
    expect(await rows()).toHaveLength(0);
    await prefs.update(buyerId, tenantId, { immediateMinSeverity: 'HIGH', mutedElements: ['Dy'] });
    // No. 18 also matches the HS 2846 watch, so muting Dy alone does not mute it; an event on Dy only is muted.
    await events.ingestPolicyChange({ ...measure, externalId: 'muted-1' });
    expect(await rows()).toHaveLength(0);
    await events.ingestPolicyChange({ ...no18, externalId: 'threshold-2' });
    expect((await rows()).map((r) => r.template)).toEqual(['alert']);
  });

  it('emails a tenant whose only user is its admin (admins receive alerts unless they opt out)', async () => {
    // Watches gallium only, so that the other tests' events do not reach this tenant.
    const solo = await moduleRef.get(TenantsService).provision({
      slug: 'solo',
      name: 'Solo AS',
      users: [{ email: 'owner@solo.example', name: 'Ola Nordmann', role: 'TENANT_ADMIN' }],
      watches: [{ kind: 'ELEMENT', elementSymbol: 'Ga' }],
      suppliers: [],
    });
    const admin = await prisma.db.user.findFirstOrThrow({ where: { tenantId: solo.id } });
    const gallium = { ...measure, elements: ['Ga'], title: 'Export controls on gallium' };
    await events.ingestPolicyChange({ ...gallium, externalId: 'solo-admin-1' });
    const sent = await prisma.db.emailDelivery.findMany({ where: { tenantId: solo.id } });
    expect(sent.map((d) => [d.recipient, d.template])).toEqual([['owner@solo.example', 'alert']]);
    await prefs.update(admin.id, solo.id, { immediateEnabled: false });
    await events.ingestPolicyChange({ ...gallium, externalId: 'solo-admin-2' });
    expect(await prisma.db.emailDelivery.count({ where: { tenantId: solo.id } })).toBe(1);
  });

  it('holds immediate emails during quiet hours (local time) and lets CRITICAL through when allowed', async () => {
    // 23:00 in Berlin (UTC+1 in January); quiet 22:00-07:00 local -> held until 06:00Z.
    clock.set(new Date('2026-01-14T22:00:00Z'));
    await prefs.update(buyerId, tenantId, {
      quietHoursStart: '22:00',
      quietHoursEnd: '07:00',
      criticalOverridesQuietHours: true,
    });
    await events.ingestPolicyChange({ ...no18, externalId: 'quiet-1' });
    const [held] = await rows();
    expect(held!.nextAttemptAt.toISOString()).toBe('2026-01-15T06:00:00.000Z');
    await expect(prefs.update(buyerId, tenantId, { quietHoursStart: '22:00', quietHoursEnd: '22:00' })).rejects.toThrow(
      /Validation failed: quietHoursEnd/,
    );
  });

  it('queues each (user, digest window) once, grouped by element, at 02:30 New York time on the spring-forward day', async () => {
    await prefs.update(buyerId, tenantId, {
      timeZone: 'America/New_York',
      digestFrequency: 'DAILY',
      digestLocalTime: '02:30',
      immediateEnabled: false,
    });
    clock.set(new Date('2026-03-08T06:00:00Z'));
    const r = await events.ingestPolicyChange({ ...no18, externalId: 'digest-1' });
    await all(() =>
      prisma.db.alert.updateMany({
        where: { policyChangeId: r.id },
        data: { createdAt: new Date('2026-03-08T05:00:00Z') },
      }),
    );
    expect(await rows()).toHaveLength(0); // immediate emails off
    clock.set(new Date('2026-03-08T07:25:00Z')); // 03:25 EDT: the 02:30 slot (skipped, runs at 03:30) is not due yet
    expect((await digests.tick()).queued).toBe(0);
    clock.set(new Date('2026-03-08T07:30:00Z'));
    expect((await digests.tick()).queued).toBe(1);
    expect((await digests.tick()).queued).toBe(0);
    clock.advance(3_600_000);
    expect((await digests.tick()).queued).toBe(0);
    const [digest] = await rows({ template: 'digest' });
    expect(digest!.dedupeKey).toBe(`digest:${buyerId}:daily:2026-03-08`);
    const payload = digest!.payload as {
      groups: { label: string; alerts: { alertId: string }[] }[];
      windowStart: string;
    };
    // No. 18 matched the Dy watch (and HS 2846): it sits under its element.
    expect(payload.groups.map((g) => g.label)).toEqual(['Dysprosium (Dy)']);
    expect(payload.windowStart).toBe('2026-03-07T07:30:00.000Z');
  });

  it("labels a news report as news in the digest and shows the team's impact assessment and applicability", async () => {
    await prefs.update(buyerId, tenantId, {
      timeZone: 'UTC',
      digestFrequency: 'DAILY',
      digestLocalTime: '08:00',
      immediateEnabled: false,
    });
    clock.set(new Date('2026-06-01T06:00:00Z'));
    // One part containing Dy: the digest item of a Dy measure says what it means for it.
    await all(() =>
      prisma.db.part.create({
        data: {
          tenantId,
          partNumber: 'DIGEST-MAG-1',
          annualSpend: '250000',
          currency: 'EUR',
          materials: { create: [{ tenantId, elementSymbol: 'Dy' }] },
        },
      }),
    );
    const official = await events.ingestPolicyChange({ ...measure, externalId: 'digest-impact-official' });
    const news = await events.ingestPolicyChange({
      ...measure,
      source: 'news',
      externalId: 'digest-impact-news',
      official: false,
      reference: null,
      title: 'Report: more rare earths to be controlled',
    } as never);
    const officialAlert = await all(() =>
      prisma.db.alert.findFirstOrThrow({ where: { tenantId, policyChangeId: official.id } }),
    );
    const step = await prisma.db.measureEvent.findFirstOrThrow({ where: { policyChangeId: official.id } });
    await all(() =>
      prisma.db.measureImpact.create({
        data: { tenantId, measureKey: step.measureKey, status: 'CONFIRMED', expectedDurationDays: 120 },
      }),
    );
    await all(() =>
      prisma.db.alert.updateMany({
        where: { tenantId, policyChangeId: news.id },
        data: { applies: false, appliesReason: 'rumour only; no parts affected' },
      }),
    );
    await all(() =>
      prisma.db.alert.updateMany({
        where: { tenantId, policyChangeId: { in: [official.id, news.id] } },
        data: { createdAt: new Date('2026-06-01T12:00:00Z') }, // inside the window (createdAt is the database's now)
      }),
    );
    clock.set(new Date('2026-06-02T08:00:00Z'));
    expect((await digests.tick()).queued).toBe(1);
    const [digest] = await rows({ template: 'digest' });
    const items = (digest!.payload as unknown as DigestTemplateProps).groups.flatMap((g) => g.alerts);
    const byId = new Map(items.map((i) => [i.alertId, i]));
    const first = byId.get(officialAlert.id)!;
    expect(first.actionLabel).toBe('Export control imposed');
    expect(first.impact).toEqual({ status: 'CONFIRMED', expectedDurationDays: 120, note: null });
    expect(first.partsImpact).toMatch(/^1 part, EUR 250 k annual spend/);
    const other = items.find((i) => i.alertId !== officialAlert.id)!;
    expect(other.actionLabel).toBe('News report, not an official measure: Export control imposed');
    expect(other.applies).toEqual({ applies: false, reason: 'rumour only; no parts affected' });
    const out = await renderEmail('digest', digest!.payload as unknown as DigestTemplateProps);
    expect(out.text).toContain('Your team: impact confirmed (about 120 days)');
    expect(out.text).toContain('Your parts: 1 part, EUR 250 k annual spend');
    expect(out.text).toContain('Your team: does not apply (rumour only; no parts affected)');
  });

  it('does not send an empty digest unless asked, then names the sources checked', async () => {
    await prefs.update(buyerId, tenantId, {
      timeZone: 'Asia/Shanghai',
      digestFrequency: 'DAILY',
      digestLocalTime: '08:00',
    });
    clock.set(new Date('2026-05-01T00:05:00Z')); // 08:05 in Shanghai
    expect(await digests.tick()).toEqual({ queued: 0, empty: 1 });
    await prefs.update(buyerId, tenantId, { sendEmptyDigest: true });
    expect((await digests.tick()).queued).toBe(1);
    const [digest] = await rows({ template: 'digest' });
    const payload = digest!.payload as { groups: unknown[]; sourcesChecked: { source: string }[] };
    expect(payload.groups).toEqual([]);
    expect(payload.sourcesChecked.map((s) => s.source)).toContain('mofcom');
  });

  it("ends every digest with the enabled sources' run records: last success, items new in the window, a failing source's warning", async () => {
    const t = (iso: string) => new Date(iso);
    await prisma.db.source.createMany({
      data: [
        {
          name: 'federal-register',
          kind: 'FEDERAL_REGISTER',
          enabled: true,
          lastSuccessAt: t('2026-06-01T23:00:00Z'),
          lastAttemptAt: t('2026-06-01T23:00:00Z'),
        },
        {
          name: 'mofcom',
          kind: 'MOFCOM',
          enabled: true,
          lastSuccessAt: t('2026-05-30T10:00:00Z'),
          lastAttemptAt: t('2026-06-01T22:00:00Z'),
          lastError: 'HTTP 503 from https://www.mofcom.gov.cn/article/zcfb/',
          lastErrorAt: t('2026-06-01T22:00:00Z'),
          consecutiveFailures: 4,
        },
        { name: 'news', kind: 'NEWS', enabled: false, consecutiveFailures: 9, lastError: 'disabled, not shown' },
      ],
    });
    const payload = (sourceName: string, receivedAt: string, itemsNew: number) => ({
      sourceName,
      origin: 'SCHEDULED',
      url: null,
      contentType: 'application/json',
      body: '{}',
      sha256: '0'.repeat(64),
      status: 'PARSED' as const,
      itemsSeen: itemsNew,
      itemsNew,
      errors: [],
      receivedAt: t(receivedAt),
    });
    await prisma.db.sourcePayload.createMany({
      data: [
        payload('federal-register', '2026-06-01T12:00:00Z', 2),
        payload('federal-register', '2026-06-01T23:00:00Z', 1),
        payload('federal-register', '2026-05-20T12:00:00Z', 7),
      ],
    });
    try {
      await prefs.update(buyerId, tenantId, {
        timeZone: 'Asia/Shanghai',
        digestFrequency: 'DAILY',
        digestLocalTime: '08:00',
        immediateEnabled: false,
      });
      clock.set(t('2026-06-01T10:00:00Z'));
      const r = await events.ingestPolicyChange({ ...no18, externalId: 'digest-sources' });
      expect(r.alerts).toBe(1);
      await all(() =>
        prisma.db.alert.updateMany({ where: { policyChangeId: r.id }, data: { createdAt: t('2026-06-01T10:00:00Z') } }),
      );
      clock.set(t('2026-06-02T00:01:00Z')); // 08:01 in Shanghai: the window is 1 June 08:00 - 2 June 08:00 CST
      expect((await digests.tick()).queued).toBe(1);
      const [row] = await rows({ template: 'digest' });
      const props = row!.payload as unknown as DigestTemplateProps;
      expect(props.sources).toEqual([
        { source: 'federal-register', lastSuccessAt: '2026-06-01T23:00:00.000Z', itemsNew: 3, failing: null },
        {
          source: 'mofcom',
          lastSuccessAt: '2026-05-30T10:00:00.000Z',
          itemsNew: 0,
          failing: {
            consecutiveFailures: 4,
            lastErrorAt: '2026-06-01T22:00:00.000Z',
            lastError: 'HTTP 503 from https://www.mofcom.gov.cn/article/zcfb/',
          },
        },
      ]);
      expect(props.sourcesChecked).toEqual([]);
      const mail = await renderEmail('digest', props);
      expect(mail.text).toContain('federal-register: last success 2 Jun 2026, 07:00 GMT+8; 3 new items in this period');
      expect(mail.text).toContain(
        'Warning: mofcom is failing since its last success (30 May 2026, 18:00 GMT+8), 4 attempts in a row; last error 2 Jun 2026, 06:00 GMT+8: HTTP 503 from https://www.mofcom.gov.cn/article/zcfb/',
      );
      expect(mail.text).not.toContain('news');
    } finally {
      await prisma.db.source.deleteMany({ where: { name: { in: ['federal-register', 'mofcom', 'news'] } } });
    }
  });

  it('tenant defaults reach users without their own choice (new digest hour); a user with an override keeps it; audited', async () => {
    const admin = await prisma.db.user.findFirstOrThrow({ where: { tenantId, role: 'TENANT_ADMIN' } });
    const principal: Principal = {
      kind: 'user',
      userId: admin.id,
      tokenId: null,
      sessionId: null,
      tenantId,
      role: 'TENANT_ADMIN',
    };
    const other = await prisma.db.user.create({
      data: { tenantId, email: 'second@notif.example', name: 'Second Buyer', role: 'BUYER', timeZone: 'Europe/Berlin' },
    });
    try {
      expect(await prefs.tenantDefaults(tenantId)).toMatchObject({
        custom: false,
        digestFrequency: 'NONE',
        updatedAt: null,
      });
      await prefs.update(buyerId, tenantId, { timeZone: 'Europe/Berlin', digestLocalTime: '06:00' }); // own hour only
      const view = await prefs.updateTenantDefaults(principal, tenantId, {
        digestFrequency: 'DAILY',
        digestLocalTime: '07:30',
        sendEmptyDigest: true,
        immediateEnabled: false,
      });
      expect(view).toMatchObject({
        custom: true,
        digestFrequency: 'DAILY',
        digestLocalTime: '07:30',
        immediateMinSeverity: 'MEDIUM',
        quietHoursStart: null,
      });
      await expect(prefs.updateTenantDefaults(principal, tenantId, { quietHoursStart: '22:00' })).rejects.toThrow(
        /Validation failed: quietHoursEnd/,
      );
      clock.set(new Date('2026-07-01T05:31:00Z')); // 07:31 CEST
      expect((await digests.tick()).queued).toBe(2);
      const windows = Object.fromEntries(
        (await rows({ template: 'digest' })).map((r) => [
          r.userId,
          (r.payload as unknown as DigestTemplateProps).windowEnd,
        ]),
      );
      expect(windows).toEqual({ [other.id]: '2026-07-01T05:30:00.000Z', [buyerId]: '2026-07-01T04:00:00.000Z' });
      const [entry] = await prisma.db.auditLog.findMany({
        where: { tenantId, action: 'notification-settings.update' },
      });
      expect(entry).toMatchObject({
        actorUserId: admin.id,
        targetType: 'tenant-notification-settings',
        before: null,
        after: { digestLocalTime: '07:30' },
      });
    } finally {
      await prisma.db.tenantNotificationSettings.deleteMany({ where: { tenantId } });
      await all(() => prisma.db.emailDelivery.deleteMany({ where: { userId: other.id } }));
      await prisma.db.user.deleteMany({ where: { tenantId, id: other.id } });
    }
  });

  it('links a suspension to the measure, updates the earlier alert, sends one update (not a fresh alert), reminds and lapses', async () => {
    clock.set(new Date('2025-10-09T10:00:00Z'));
    // A Slack endpoint subscribed to updates, a webhook endpoint to new alerts only.
    const root = {
      kind: 'user',
      userId: null,
      tokenId: null,
      sessionId: null,
      tenantId,
      role: 'PLATFORM_ADMIN',
    } as const;
    const channels = moduleRef.get(ChannelsService);
    const slack = await channels.create(root, tenantId, {
      kind: 'SLACK',
      name: '#sourcing',
      url: 'http://127.0.0.1:9/slack',
      eventTypes: ['alert.updated'],
    });
    const hook = await channels.create(root, tenantId, {
      name: 'erp',
      url: 'http://127.0.0.1:9/hook',
      eventTypes: ['alert.created'],
    });
    const m = await events.ingestPolicyChange(measure);
    const earlier = await prisma.db.alert.findFirstOrThrow({ where: { tenantId, policyChangeId: m.id } });
    await all(() => prisma.db.emailDelivery.deleteMany({}));
    clock.set(new Date('2025-11-07T10:00:00Z'));
    const s = await events.ingestPolicyChange(suspension);
    expect(s).toMatchObject({ created: true, alerts: 1, emailsQueued: 1 });
    const updated = await prisma.db.alert.findFirstOrThrow({ where: { tenantId, id: earlier.id } });
    const suspensionAlert = await prisma.db.alert.findFirstOrThrow({ where: { tenantId, policyChangeId: s.id } });
    expect(updated).toMatchObject({ measureStatus: 'SUSPENDED', updatedByAlertId: suspensionAlert.id });
    const sent = await rows();
    expect(sent.map((r) => [r.template, r.alertId])).toEqual([['reversal', suspensionAlert.id]]);
    expect((sent[0]!.payload as { whatChanged: string }).whatChanged).toBe(
      'MOFCOM/GAC Announcement 2025 No. 70 suspends MOFCOM Announcement 2025 No. 61 from 2025-11-07 until 2026-11-10. The controls it imposed do not apply until then; Lodestone reminds you before the suspension ends.',
    );

    // 30 days before 2026-11-10: one reminder; a second tick the same day adds nothing.
    clock.set(new Date('2026-10-11T09:00:00Z'));
    expect(await reminders.tick()).toMatchObject({ suspensionReminders: 1, lapsed: 0 });
    expect(await reminders.tick()).toMatchObject({ suspensionReminders: 0 });
    clock.set(new Date('2026-11-04T09:00:00Z')); // 6 days left: the 7-day reminder
    expect(await reminders.tick()).toMatchObject({ suspensionReminders: 1 });
    expect((await rows({ template: 'expiry-reminder' })).map((r) => r.dedupeKey.split(':')[2])).toEqual(['30d', '7d']);

    // On 2026-11-10 the measure is back in force and the owner gets one update.
    clock.set(new Date('2026-11-10T00:30:00Z'));
    expect(await reminders.tick()).toMatchObject({ lapsed: 1 });
    expect(await reminders.tick()).toMatchObject({ lapsed: 0 });
    expect(await prisma.db.alert.findFirstOrThrow({ where: { tenantId, id: earlier.id } })).toMatchObject({
      measureStatus: 'IN_FORCE',
    });
    expect(await prisma.db.alert.findFirstOrThrow({ where: { tenantId, id: suspensionAlert.id } })).toMatchObject({
      measureStatus: 'EXPIRED',
    });
    const lapse = await rows({ dedupeKey: { startsWith: 'lapse:' } });
    expect(lapse).toHaveLength(1);
    expect((lapse[0]!.payload as { change: string; whatChanged: string }).whatChanged).toMatch(
      /MOFCOM Announcement 2025 No. 61 is back in force from 2026-11-10/,
    );
    // The same update reached the endpoint subscribed to alert.updated, once (the second tick wrote nothing), and not
    // the one subscribed to new alerts only.
    const updates = await prisma.db.channelDelivery.findMany({ where: { tenantId, eventType: 'alert.updated' } });
    expect(updates.map((u) => u.endpointId)).toEqual([slack.id]);
    expect(updates[0]!.payload).toMatchObject({
      type: 'alert.updated',
      alert: { id: suspensionAlert.id, severity: earlier.severity },
      event: { actionLabel: 'Export control back in force', reference: 'MOFCOM/GAC Announcement 2025 No. 70' },
      update: {
        change: 'EXPIRED',
        text: (lapse[0]!.payload as { whatChanged: string }).whatChanged,
        alerts: [{ id: earlier.id, newStatus: 'IN_FORCE' }],
      },
    });
    expect(
      await prisma.db.channelDelivery.count({ where: { tenantId, endpointId: hook.id, eventType: 'alert.updated' } }),
    ).toBe(0);
    await channels.remove(root, tenantId, slack.id);
    await channels.remove(root, tenantId, hook.id);
  });

  it('reminds the tenants whose supplier holds an expiring licence 30, 7 and 1 days before, once each', async () => {
    clock.set(new Date('2026-10-01T08:00:00Z'));
    await events.ingestPermitEvent({
      source: 'news',
      externalId: 'jl-mag-licence-2026',
      jurisdiction: 'CN',
      issuer: 'MOFCOM',
      status: 'GRANTED',
      title: 'General licence to JL MAG',
      exporterName: '江西金力永磁科技股份有限公司',
      validFrom: '2025-12-02',
      validTo: '2026-12-01',
    });
    await all(() => prisma.db.emailDelivery.deleteMany({}));
    const counts: number[] = [];
    for (const day of [
      '2026-10-31',
      '2026-11-01',
      '2026-11-20',
      '2026-11-24',
      '2026-11-25',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ]) {
      clock.set(new Date(`${day}T08:00:00Z`));
      counts.push((await reminders.tick()).permitReminders);
    }
    expect(counts).toEqual([0, 1, 0, 1, 0, 1, 0, 0]);
    const reminderRows = await rows({ template: 'expiry-reminder' });
    expect(reminderRows.map((r) => (r.payload as { daysLeft: number }).daysLeft)).toEqual([30, 7, 1]);
  });

  it('keeps a measure suspended on the old end date when a newer event extends the suspension', async () => {
    clock.set(new Date('2025-10-09T10:00:00Z'));
    const m = await events.ingestPolicyChange({
      ...measure,
      externalId: 'MOFCOM-2025-62',
      reference: 'MOFCOM Announcement 2025 No. 62',
    });
    await events.ingestPolicyChange({ ...suspension, externalId: 'suspension-a', affects: ['MOFCOM-2025-62'] });
    clock.set(new Date('2026-10-20T10:00:00Z'));
    const b = await events.ingestPolicyChange({
      ...suspension,
      externalId: 'suspension-b',
      endDate: '2027-11-10',
      affects: ['MOFCOM-2025-62'],
    });
    const bAlert = await prisma.db.alert.findFirstOrThrow({ where: { tenantId, policyChangeId: b.id } });
    clock.set(new Date('2026-11-10T08:00:00Z'));
    expect(await reminders.tick()).toMatchObject({ lapsed: 0 });
    expect(await prisma.db.alert.findFirstOrThrow({ where: { tenantId, policyChangeId: m.id } })).toMatchObject({
      measureStatus: 'SUSPENDED',
      updatedByAlertId: bAlert.id,
    });
  });
});

describe('digests with two API processes on one PostgreSQL', () => {
  let testDb: TestDatabase;
  const apps: TestingModule[] = [];
  const clock = new FakeClock(new Date('2026-11-01T05:30:00Z')); // 01:30 EDT, first occurrence, New York fall-back day

  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
    apps.push(await createTestingModule({ DATABASE_URL: testDb.url }, clock));
    apps.push(await createTestingModule({ DATABASE_URL: testDb.url, DB_MIGRATE_ON_BOOT: 'false' }, clock));
    const tenants = apps[0]!.get(TenantsService);
    const p = apps[0]!.get(PreferencesService);
    const prisma = apps[0]!.get(PrismaService);
    for (let i = 0; i < 20; i++) {
      const tenantId = (await tenants.provision(magnetMaker(`two-${i}`))).id;
      const buyer = await prisma.db.user.findFirstOrThrow({ where: { tenantId, role: 'BUYER' } });
      await p.update(buyer.id, tenantId, {
        timeZone: 'America/New_York',
        digestFrequency: 'DAILY',
        digestLocalTime: '01:30',
        sendEmptyDigest: true,
      });
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await testDb?.drop();
  });

  it('queues each (user, window) exactly once when both tick at the same time, and not again in the repeated hour', async () => {
    const [a, b] = apps.map((app) => app.get(DigestService));
    const first = await Promise.all([a!.tick(), b!.tick(), a!.tick(), b!.tick()]);
    expect(first.reduce((n, r) => n + r.queued, 0)).toBe(20);
    clock.set(new Date('2026-11-01T06:30:00Z')); // 01:30 EST, the second occurrence
    const second = await Promise.all([a!.tick(), b!.tick()]);
    expect(second.reduce((n, r) => n + r.queued, 0)).toBe(0);
    const prisma = apps[1]!.get(PrismaService);
    const keys = await all(() => prisma.db.emailDelivery.findMany({ select: { dedupeKey: true } }));
    expect(keys).toHaveLength(20);
    expect(keys.every((k) => k.dedupeKey.endsWith(':daily:2026-11-01'))).toBe(true);
  });
});
