/**
 * Browser tests of the web console: Debian's Chromium driven by playwright-core, against the API's production
 * bootstrap (apps/api/dist/bootstrap.js createApp, which also serves apps/web/dist) on an in-memory embedded database,
 * seeded like `npm run demo` (the demo tenant and the 2025 events), with a real SMTP server catching the emails.
 *
 * Each page is checked with axe-core (no serious or critical violation) and photographed at 1280 and 390 px into
 * docs/screenshots/. Run: `npm run build && npm test -w @lodestone/web` (CHROMIUM_PATH overrides /usr/bin/chromium).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { simpleParser } from 'mailparser';
import { chromium } from 'playwright-core';
import { SMTPServer } from 'smtp-server';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const apiDist = join(root, 'apps/api/dist');
const shots = join(root, 'docs/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'e2e-console-password-1';
const BUYER = 'buyer@demo-magnets.example';
const ADMIN = 'admin@demo-magnets.example';

/** A free TCP port on 127.0.0.1 (PUBLIC_URL must be known before the app is configured). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A real SMTP server keeping every message, parsed. */
function smtpSink() {
  const messages = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  return {
    messages,
    start: () =>
      new Promise((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`smtp://127.0.0.1:${server.server.address().port}`)),
      ),
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

let app;
let browser;
let base;
let sink;
let drain;
let drainChannels;
let db;
let demoTenantId;
const consoleErrors = [];

before(async () => {
  assert.ok(existsSync(join(root, 'apps/web/dist/index.html')), 'build the console first: npm run build');
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
  mkdirSync(shots, { recursive: true });
  sink = smtpSink();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  Object.assign(process.env, {
    DATABASE_URL: 'pglite://memory',
    SMTP_URL: await sink.start(),
    PUBLIC_URL: base,
    PORT: String(port),
    SCHEDULES_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    LINK_SIGNING_SECRET: 'console-e2e-link-signing-secret-0123456789',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    // The integrations test targets a receiver on 127.0.0.1 (refused otherwise: SSRF rules, docs/channels.md).
    WEBHOOK_ALLOW_PRIVATE: 'true',
  });
  const { createApp } = await import(join(apiDist, 'bootstrap.js'));
  const { TenantsService } = await import(join(apiDist, 'modules/tenants/tenants.service.js'));
  const { EventsService } = await import(join(apiDist, 'modules/events/events.service.js'));
  const { DeliveryWorker } = await import(join(apiDist, 'mail/delivery-worker.js'));
  const { ChannelWorker } = await import(join(apiDist, 'modules/channels/channel-worker.js'));
  const { PasswordHasher } = await import(join(apiDist, 'modules/auth/password-hasher.js'));
  const { PrismaService } = await import(join(apiDist, 'database/prisma.service.js'));
  const { readEventFile, ingestEventFile } = await import(join(apiDist, 'cli/event-file.js'));
  const { readFileSync } = await import('node:fs');

  app = await createApp();
  await app.listen(port, '127.0.0.1');
  const setup = JSON.parse(readFileSync(join(root, 'apps/api/demo/demo-tenant.json'), 'utf8'));
  // A third supplier, so that a permit event naming "Neo Materials" is a possible match for a buyer to decide.
  setup.suppliers.push({ legalNameEn: 'Neo Performance Materials Inc.', country: 'CA' });
  const tenant = await app.get(TenantsService).provision(setup);
  demoTenantId = tenant.id;
  await app.get(PrismaService).db.user.updateMany({
    where: { tenantId: tenant.id },
    data: { passwordHash: await app.get(PasswordHasher).hash(PASSWORD) },
  });
  // The demo bill of materials (issue 15), loaded as `npm run demo` does: parts, products, two more suppliers.
  const { loadDemoBom } = await import(join(apiDist, 'cli/demo-bom.js'));
  await loadDemoBom(app, tenant.id, JSON.parse(readFileSync(join(root, 'apps/api/demo/demo-bom.json'), 'utf8')));
  await ingestEventFile(app.get(EventsService), await readEventFile(join(root, 'apps/api/demo/events-2025.json')));
  await app.get(EventsService).ingestPermitEvent({
    source: 'news',
    externalId: 'console-e2e-possible-match',
    jurisdiction: 'CN',
    issuer: 'MOFCOM',
    status: 'REVOKED',
    title: 'Export licence of Neo Materials revoked',
    exporterName: 'Neo Materials',
    validFrom: '2025-12-02',
  });
  drain = () => app.get(DeliveryWorker).drain();
  drainChannels = () => app.get(ChannelWorker).drain();
  db = app.get(PrismaService).db;
  await drain();

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
  await app?.close();
  await sink?.stop();
  assert.deepEqual(consoleErrors, [], 'no uncaught error in the pages');
});

let lastPage;
afterEach(async (t) => {
  // A failing test leaves a picture of where it stopped.
  if (lastPage && !lastPage.isClosed() && t.passed === false) {
    await lastPage
      .screenshot({
        path: join(process.env.TMPDIR ?? '/tmp', `console-e2e-failure-${t.name.slice(0, 40).replace(/\W+/g, '-')}.png`),
      })
      .catch(() => {});
  }
});

async function newPage(width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: width > 600 ? 860 : 844 }, locale: 'en-GB' });
  // Generous: CI machines (and this one) are often busy; a slow page is not a failing one.
  context.setDefaultTimeout(90_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e}`));
  lastPage = page;
  return page;
}

async function signIn(page, email) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** axe-core: no serious or critical violation. */
async function checkA11y(page, name) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
  );
}

async function shoot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

test('sign in as the demo buyer and see the exposure home (GET /v1/exposure)', async () => {
  const page = await newPage();
  const exposureCall = page.waitForResponse((r) => new URL(r.url()).pathname === '/v1/exposure');
  await signIn(page, BUYER);
  await page.getByRole('heading', { name: 'Exposure', level: 1 }).waitFor();
  assert.equal((await exposureCall).status(), 200, 'the home reads the API exposure model');
  await page.getByRole('heading', { name: 'Elements by strongest measure status' }).waitFor();
  // Dy is watched and under a measure in force: the cell says so in words.
  const dy = page.getByRole('button', { name: /^Dy.*dysprosium \(Dy\): In force.*watched/ });
  await dy.waitFor();
  await page.getByText('江西金力永磁科技股份有限公司').first().waitFor();
  // Suppliers with the licences they hold and their expiry.
  const suppliers = page.getByRole('region', { name: 'Your suppliers and their licences' });
  await suppliers.getByRole('table', { name: /Licences held by JL MAG/ }).waitFor();
  await suppliers.getByText('Licence valid').first().waitFor();
  // What changed in the last 7 days: the demo's alerts were found when the tenant was provisioned (now).
  const changed = page.getByRole('region', { name: 'What changed in the last 7 days' });
  assert.ok((await changed.getByRole('link').count()) >= 1, 'recent alerts are listed');
  // Charts (ECharts, a lazily loaded chunk) each with a table of the same numbers.
  const perWeek = page.getByRole('region', { name: 'Alerts per week by severity' });
  await perWeek.locator('.chart svg').waitFor();
  await perWeek.getByText('The numbers as a table').click();
  await perWeek.getByRole('table', { name: 'Alerts per week by severity' }).waitFor();
  const byElement = page.getByRole('region', { name: 'Exposure by element' });
  await byElement.locator('.chart svg').waitFor();
  await byElement.getByText('The numbers as a table').click();
  await byElement.getByRole('rowheader', { name: /\(Dy\)$/ }).waitFor();
  await checkA11y(page, 'exposure');
  await shoot(page, 'exposure-1280');
  await dy.click();
  await page.getByRole('heading', { name: /^Dy ·/ }).waitFor();
  await page.getByRole('link', { name: /alerts? about Dy/ }).waitFor();
  await page.context().close();
});

test('open an alert, acknowledge it with the keyboard, assign it, comment, open its measure', async () => {
  const page = await newPage();
  await signIn(page, BUYER);
  await page.goto(`${base}/alerts`);
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
  const rows = page.locator('.alert-row');
  await rows.first().waitFor();
  assert.ok((await rows.count()) >= 2, 'the demo tenant has alerts');
  // j opens the first alert.
  await page.keyboard.press('j');
  const detail = page.getByRole('complementary');
  await detail.getByRole('heading', { level: 2 }).waitFor();
  await detail.getByRole('heading', { name: 'Why you got this alert' }).waitFor();
  assert.ok((await detail.locator('.reason').count()) >= 1, 'the alert shows its reasons');
  await checkA11y(page, 'alerts');
  // a acknowledges.
  await page.locator('body').click({ position: { x: 5, y: 200 } });
  await page.keyboard.press('a');
  await detail.locator('.badge.st-acknowledged').waitFor();
  await detail.getByRole('button', { name: 'Assign to me' }).click();
  await detail.getByText('assigned to you').waitFor();
  const assignedTitle = await detail.getByRole('heading', { level: 2 }).textContent();
  // The assignee filter is the API's (assignee=me): only that alert comes back.
  const filtered = page.waitForResponse((r) => /\/v1\/alerts\?.*assignee=me/.test(r.url()));
  await page.getByLabel('Assignee').selectOption('me');
  assert.equal((await filtered).status(), 200);
  await page.locator('.alert-row', { hasText: assignedTitle }).waitFor();
  assert.equal(await rows.count(), 1, 'only the alert assigned to me');
  await page.getByLabel('Assignee').selectOption('');
  await page.waitForFunction(() => document.querySelectorAll('.alert-row').length >= 2);
  await detail.getByLabel('Comment').fill('Asked JL MAG for their licence number.');
  await detail.getByRole('button', { name: 'Add comment' }).click();
  await detail.getByText('“Asked JL MAG for their licence number.”').waitFor();
  await shoot(page, 'alerts-1280');
  // The acknowledged status is on the server, not only on the page.
  await page.reload();
  await page.getByRole('complementary').locator('.badge.st-acknowledged').waitFor();
  await page.context().close();
});

test("an alert's panel shows its measure's status timeline, dates in the person's zone with ISO in the title", async () => {
  const page = await newPage();
  await signIn(page, BUYER);
  await page.goto(`${base}/alerts?element=Dy`);
  await page.locator('.alert-row').first().click();
  const detail = page.getByRole('complementary');
  const timeline = detail.getByRole('region', { name: "The measure's status over time" });
  await timeline.locator('ol.timeline li').first().waitFor();
  await timeline
    .getByText(/In force/)
    .first()
    .waitFor();
  // Instants: shown in the person's time zone, ISO-8601 with that zone's offset (and UTC) in the title.
  const title = await timeline.locator('time[title*="T"]').first().getAttribute('title');
  assert.match(title, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2} \([\w/]+\) = \d{4}-.*Z$/);
  // Calendar dates as published carry the ISO date in their title.
  assert.match(await timeline.locator('time').first().getAttribute('title'), /^\d{4}-\d{2}-\d{2}/);
  await checkA11y(page, 'alerts-timeline');
  await shoot(page, 'alerts-timeline-1280');
  await page.context().close();
});

test('confirm a possible supplier match', async () => {
  const page = await newPage();
  await signIn(page, BUYER);
  await page.goto(`${base}/alerts`);
  await page.locator('.alert-row', { hasText: 'Neo Materials' }).click();
  const detail = page.getByRole('complementary');
  await detail.getByText('Possible supplier match:').waitFor();
  await detail.getByRole('group', { name: /Is “Neo Materials” Neo Performance Materials/ }).waitFor();
  await checkA11y(page, 'alerts-possible-match');
  await detail.getByRole('button', { name: 'Confirm match' }).click();
  await detail.getByText('Decision saved: confirmed.').waitFor();
  await shoot(page, 'alerts-possible-match-1280');
  await page.context().close();
});

test('a platform admin sees tenants, sources and deliveries', async () => {
  const { AuthService } = await import(join(apiDist, 'modules/auth/auth.service.js'));
  await app.get(AuthService).createPlatformAdmin('ops@lodestone.example', 'Ops', PASSWORD);
  const page = await newPage();
  await signIn(page, 'ops@lodestone.example');
  await page.getByRole('heading', { name: 'Platform', level: 1 }).waitFor();
  await page.getByRole('cell', { name: 'Demo Magnets GmbH', exact: true }).waitFor();
  await checkA11y(page, 'admin-tenants');
  await shoot(page, 'admin-tenants-1280');
  await page.getByRole('link', { name: 'Sources' }).click();
  await page.getByRole('heading', { name: 'Sources', level: 2 }).waitFor();
  await checkA11y(page, 'admin-sources');
  await page.getByRole('link', { name: 'Deliveries' }).click();
  await page.getByLabel('Tenant').selectOption({ label: 'Demo Magnets GmbH' });
  await page.getByRole('cell', { name: BUYER }).first().waitFor();
  await checkA11y(page, 'admin-deliveries');
  await shoot(page, 'admin-deliveries-1280');
  await page.context().close();
});

test("a platform admin sees each event's fan-out on a measure's timeline, read again while it runs", async () => {
  const { AuthService } = await import(join(apiDist, 'modules/auth/auth.service.js'));
  const { FanoutService } = await import(join(apiDist, 'modules/events/fanout.service.js'));
  await app.get(AuthService).createPlatformAdmin('fanout-ops@lodestone.example', 'Fan-out Ops', PASSWORD);
  const event = await db.policyChange.findFirstOrThrow({ where: { externalId: 'MOFCOM-GAC-2025-18' } });
  // The demo's No. 18 was expanded at its ingestion: put its job back in the queue, as a deferred event's job waits.
  await db.fanoutJob.update({
    where: { eventId_shard: { eventId: event.id, shard: 0 } },
    data: { status: 'PENDING', cursor: null, nextAttemptAt: new Date(Date.now() + 3_600_000) },
  });
  const page = await newPage();
  await signIn(page, 'fanout-ops@lodestone.example');
  const reads = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname === `/v1/events/${event.id}/fanout`) reads.push(r.status());
  });
  // From the platform page: Measures, then the measure.
  await page.getByRole('link', { name: 'Measures' }).click();
  await page.getByRole('heading', { name: 'Measures', level: 2 }).waitFor();
  await page.getByRole('listitem').filter({ hasText: 'MOFCOM-GAC-2025-18' }).getByRole('link').click();
  await page.waitForURL(`${base}/measures/MOFCOM-GAC-2025-18`);
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
  const line = page.locator('.fanout').filter({ hasText: /^Fan-out queued: 0 of \d+ alerts? expanded/ });
  await line.waitFor();
  // The tenant-only section is not shown to a platform admin (it has no tenant here).
  assert.equal(await page.getByRole('heading', { name: 'What of yours it reaches' }).count(), 0);
  // A worker expands it (nothing new to write: the rows exist); the page reads it again and shows it done.
  await db.fanoutJob.update({
    where: { eventId_shard: { eventId: event.id, shard: 0 } },
    data: { nextAttemptAt: new Date() },
  });
  await app.get(FanoutService).drain();
  await drain();
  await page
    .locator('.fanout')
    .filter({ hasText: /^Fan-out done: (\d+) of \1 alerts? expanded · emails \d+ sent, 0 pending, 0 failed/ })
    .waitFor();
  assert.ok(reads.length >= 2 && reads.every((s) => s === 200), `read again while queued: ${reads.join(',')}`);
  await checkA11y(page, 'measure-admin');
  await shoot(page, 'admin-measure-fanout-1280');
  // Back to where a platform admin came from (not the tenant's exposure page, which it has not).
  await page.getByRole('link', { name: '← Platform: measures' }).click();
  await page.getByRole('heading', { name: 'Measures', level: 2 }).waitFor();
  await page.context().close();
});

test('a measure page shows its timeline and what it reaches', async () => {
  const page = await newPage();
  await signIn(page, BUYER);
  await page.goto(`${base}/measures/MOFCOM-GAC-2025-18`);
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
  await page.getByRole('heading', { name: 'What of yours it reaches' }).waitFor();
  await checkA11y(page, 'measure');
  await shoot(page, 'measure-1280');
  await page.context().close();
});

test('change my notification preferences; errors are shown next to the field', async () => {
  const page = await newPage();
  await signIn(page, BUYER);
  await page.goto(`${base}/settings`);
  await page.getByRole('heading', { name: 'My notification preferences' }).waitFor();
  await page.getByLabel('Digest frequency').selectOption('WEEKLY');
  await page.getByLabel(/Digest time/).fill('25:99');
  await page.getByRole('button', { name: 'Save preferences' }).click();
  // The API's 400 names digestLocalTime: the message sits under that field.
  await page.locator('#pref-digest-time-error').waitFor();
  assert.equal(await page.getByLabel(/Digest time/).getAttribute('aria-invalid'), 'true');
  await page.getByLabel(/Digest time/).fill('07:30');
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await page.getByText('Preferences saved.').waitFor();
  await checkA11y(page, 'settings');
  await shoot(page, 'settings-1280');
  await page.reload();
  await page.getByRole('heading', { name: 'My notification preferences' }).waitFor();
  assert.equal(await page.getByLabel('Digest frequency').inputValue(), 'WEEKLY');
  await page.context().close();
});

test('the preferences link of an alert email opens the console page without signing in', async () => {
  const mail = sink.messages.find((m) => m.to?.text?.includes(BUYER) && /email-preferences\?token=/.test(m.text ?? ''));
  assert.ok(mail, 'an alert email to the buyer carries the preferences link');
  const link = mail.text.match(/https?:\/\/\S+\/email-preferences\?token=[\w.-]+/)?.[0];
  assert.ok(link?.startsWith(base), `the link points at the console: ${link}`);
  const page = await newPage(390);
  await page.goto(link);
  await page.getByRole('heading', { name: 'Email preferences' }).waitFor();
  await page.getByText(BUYER).waitFor();
  await page.getByLabel('Only alerts at or above').selectOption('CRITICAL');
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await page.getByText('Preferences saved.').waitFor();
  await checkA11y(page, 'email-preferences');
  await shoot(page, 'email-preferences-390');
  await page.context().close();
});

test('a tenant admin imports a watchlist CSV after a dry run with per-row errors', async () => {
  const page = await newPage();
  await signIn(page, ADMIN);
  await page.goto(`${base}/watchlist`);
  await page.getByRole('heading', { name: 'Watchlist', level: 1 }).waitFor();
  await page.getByText('or paste CSV text').click();
  await page.getByLabel('CSV text').fill('kind,elementSymbol,hsPrefix\nELEMENT,Gd,\nELEMENT,Xx,\nHS_CODE,,850519');
  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  await page.getByText(/Dry run: 3 row\(s\), 2 valid, 1 error/).waitFor();
  await page
    .locator('tr.row-error')
    .getByText(/elementSymbol/)
    .waitFor();
  await shoot(page, 'watchlist-import-errors-1280');
  await page.getByLabel('CSV text').fill('kind,elementSymbol,hsPrefix\nELEMENT,Gd,\nHS_CODE,,850519');
  await page.getByRole('button', { name: 'Check (dry run)' }).click();
  await page.getByText(/Dry run: 2 row\(s\), 2 valid, 0 error/).waitFor();
  await page.getByRole('button', { name: /^Import 2 row/ }).click();
  await page.getByText(/Imported: 2 row\(s\)/).waitFor();
  await page.getByRole('cell', { name: 'Gd', exact: true }).first().waitFor();
  await checkA11y(page, 'watchlist');
  await shoot(page, 'watchlist-1280');
  await page.goto(`${base}/suppliers`);
  await page.getByRole('cell', { name: '宁波韵升股份有限公司' }).waitFor();
  await checkA11y(page, 'suppliers');
  await shoot(page, 'suppliers-1280');
  await page.context().close();
});

test('an invited person accepts the invitation from the email link and signs in', async () => {
  const page = await newPage();
  await signIn(page, ADMIN);
  await page.goto(`${base}/settings?tab=users`);
  await page.getByRole('heading', { name: 'Invite a person' }).waitFor();
  await checkA11y(page, 'users');
  await page.getByLabel('Email').fill('yuki.tanaka@demo-magnets.example');
  await page.getByLabel('Name').fill('田中 由紀');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByText(/Invitation emailed to yuki.tanaka@demo-magnets.example/).waitFor();
  await page.getByRole('cell', { name: '田中 由紀', exact: true }).waitFor();
  await shoot(page, 'users-1280');
  await page.context().close();

  await drain();
  let mail;
  for (let i = 0; i < 50 && !mail; i++) {
    mail = sink.messages.find((m) => m.to?.text?.includes('yuki.tanaka@'));
    if (!mail) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(mail, 'the invitation email arrived');
  const link = (mail.text ?? '').match(/https?:\/\/\S+\/accept-invitation\?token=[\w.-]+/)?.[0];
  assert.ok(link?.startsWith(base), `the email links to the console: ${link}`);

  const invitee = await newPage(390);
  await invitee.goto(link);
  await invitee.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
  await checkA11y(invitee, 'accept-invitation');
  await invitee.getByLabel('Choose a password').fill('short');
  await invitee.getByRole('button', { name: 'Accept and set password' }).click();
  await invitee.locator('#new-password-error').waitFor();
  await shoot(invitee, 'accept-invitation-390');
  await invitee.getByLabel('Choose a password').fill('a-long-enough-password-2025');
  await invitee.getByRole('button', { name: 'Accept and set password' }).click();
  await invitee.getByText('Your account is ready.').waitFor();
  await invitee.goto(`${base}/sign-in`);
  await invitee.getByLabel('Email').fill('yuki.tanaka@demo-magnets.example');
  await invitee.getByLabel('Password').fill('a-long-enough-password-2025');
  await invitee.getByRole('button', { name: 'Sign in' }).click();
  await invitee.getByRole('heading', { name: 'Exposure', level: 1 }).waitFor();
  await invitee.context().close();
});

test('the session survives a reload through the refresh cookie; sign-out ends it', async () => {
  const page = await newPage();
  await signIn(page, BUYER);
  const cookies = await page.context().cookies();
  const refresh = cookies.find((c) => c.name === 'lodestone_refresh');
  assert.ok(refresh?.httpOnly, 'the refresh token is in an httpOnly cookie');
  assert.equal(refresh.sameSite, 'Strict');
  assert.equal(await page.evaluate(() => document.cookie.includes('lodestone_refresh')), false);
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage).includes('lsr_')), false);
  await page.reload();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Lodestone' }).waitFor();
  await page.goto(`${base}/alerts`);
  await page.getByRole('heading', { name: 'Sign in to Lodestone' }).waitFor();
  await checkA11y(page, 'sign-in');
  await shoot(page, 'sign-in-1280');
  await page.context().close();
});

test('parts (demo bill of materials): affected parts in words, drill-down with alerts and sources; alert impact', async () => {
  const page = await newPage();
  await signIn(page, BUYER);
  // The exposure home's compact impact summary links to the parts page.
  const homeImpact = page.getByRole('region', { name: 'Impact on your parts' });
  await homeImpact
    .getByText(/\d+ parts? in \d+ products?/)
    .first()
    .waitFor();
  await homeImpact.getByRole('link', { name: 'Your parts and what reaches each' }).click();
  await page.getByRole('heading', { name: 'Parts', level: 1 }).waitFor();
  const table = page.getByRole('table', { name: /Your parts/ });
  const dyMagnet = table.getByRole('row', { name: /MAG-TM-0150/ });
  // Affected parts say so in words, with the sourcing situation; money carries its currency code.
  await dyMagnet.getByText(/Affected by \d+ alert/).waitFor();
  await dyMagnet.getByText(/EUR\s6,240,000\.00/).waitFor();
  await dyMagnet.getByText(/JL MAG Rare-Earth Co\., Ltd\. \(70%\)/).waitFor();
  // Its sourcing in words: two suppliers on file, neither affected by a measure against it (licences granted to
  // both are not a risk in the exposure-wide roll-up), so it is dual-sourced.
  await dyMagnet.getByText(/Dual-sourced/).waitFor();
  // What the parts contain that the demo watchlist (Dy, Tb, Sm, HS 8505.11, 2846) does not cover: gallium at least.
  const gaps = page.getByRole('region', { name: 'What your parts contain that you do not watch' });
  await gaps.getByText(/^gallium \(Ga\)$/).waitFor();
  await gaps.getByText('A tenant admin can add these watches.').waitFor();
  const figures = page.getByRole('region', { name: 'What the current alerts mean for your parts' });
  await figures.getByText('Annual spend at risk').waitFor();
  // One line per currency, never a sum across currencies.
  const spendLines = await figures.locator('dt:text("Annual spend at risk") + dd li').allTextContents();
  assert.ok(spendLines.length >= 2, `spend per currency: ${spendLines.join(' | ')}`);
  assert.equal(new Set(spendLines.map((l) => l.slice(0, 3))).size, spendLines.length, 'one line per currency');
  await figures.getByText(/Dy [\d,.]+ kg\/year/).waitFor();

  // Drill-down: what reaches the part (alerts, their measures), figures, other sources for Dy with their sources.
  await dyMagnet.getByRole('link', { name: 'MAG-TM-0150' }).click();
  const detail = page.getByRole('region', { name: /^MAG-TM-0150/ });
  await detail.getByRole('heading', { name: 'What reaches it' }).waitFor();
  await detail.locator('.reason').first().waitFor();
  await detail
    .getByRole('link', { name: /MOFCOM/ })
    .first()
    .waitFor();
  await detail.getByText(/Dy mass/).waitFor();
  // Closing the drill-down gives the focus back to the part's link.
  await detail.getByRole('button', { name: 'Close part detail' }).click();
  await page.waitForFunction(() => document.activeElement?.textContent === 'MAG-TM-0150');
  await page.keyboard.press('Enter');
  await detail.getByRole('heading', { name: 'What reaches it' }).waitFor();
  const dySources = detail.getByRole('region', { name: 'For Dy' });
  await dySources.getByText(/Producers outside CN/).waitFor();
  await dySources.locator('ul.producers > li').first().waitFor();
  assert.ok((await dySources.locator('ul.producers a[href^="http"]').count()) > 0, 'producers link their sources');
  await page.waitForLoadState('networkidle');
  await checkA11y(page, 'parts');
  await shoot(page, 'parts-1280');

  // The alert panel leads with the impact and links each part to its drill-down.
  await page.goto(`${base}/alerts?element=Dy`);
  await page.locator('.alert-row').first().click();
  const panel = page.getByRole('complementary');
  const impact = panel.getByRole('region', { name: 'Impact on your parts' });
  await impact
    .getByText(/\d+ parts? in \d+ products?/)
    .first()
    .waitFor();
  await impact.getByText('Parts affected').waitFor();
  // As many parts listed (each linking to its drill-down) as the figure says.
  const partsFigure = Number(await impact.locator('dt:text("Parts affected") + dd').textContent());
  assert.ok(partsFigure > 0);
  assert.equal(await impact.locator('.affected-parts > li').count(), partsFigure);
  await impact
    .getByText(/(EUR|USD|CNY)\s[\d,]+\.\d{2}\/year/)
    .first()
    .waitFor();
  await impact.getByText('Sole-sourced from an affected supplier').first().waitFor();
  await checkA11y(page, 'alert-impact');
  await shoot(page, 'alert-impact-1280');
  await impact.locator('.affected-parts a').first().click();
  await page.getByRole('heading', { name: 'Parts', level: 1 }).waitFor();
  assert.match(new URL(page.url()).search, /part=/);
  await page.getByRole('heading', { name: 'What reaches it' }).waitFor();
  await page.context().close();

  // At 390 px the drill-down fits the phone.
  const phone = await newPage(390);
  await signIn(phone, BUYER);
  await phone.goto(`${base}/parts`);
  await phone.getByRole('link', { name: 'MAG-TM-0151' }).click();
  await phone.getByRole('heading', { name: 'What reaches it' }).waitFor();
  await phone.waitForLoadState('networkidle');
  await checkA11y(phone, 'parts-390');
  await shoot(phone, 'parts-390');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `parts: no horizontal scrolling at 390 px (overflow ${overflow}px)`);
  await phone.context().close();
});

test('parts: a tenant admin adds a part (a bad currency explained under its field), deletes it, imports a CSV after a dry run (a large file followed as a job)', async () => {
  const page = await newPage();
  await signIn(page, ADMIN);
  await page.goto(`${base}/parts`);
  const form = page.getByRole('form', { name: 'Add a part' });
  await form.getByLabel('Part number').fill('E2E-GA-001');
  await form.getByLabel('Description').fill('GaN die, second source');
  await form.getByLabel('Annual spend').fill('12000');
  await form.getByLabel('Currency (ISO 4217)').fill('EURO');
  await form.getByRole('button', { name: 'Add part' }).click();
  await form.locator('#p-currency-error').waitFor();
  assert.equal(await form.getByLabel('Currency (ISO 4217)').getAttribute('aria-invalid'), 'true');
  await checkA11y(page, 'part-form-error');
  await form.getByLabel('Currency (ISO 4217)').fill('USD');
  await form.getByRole('button', { name: 'Add part' }).click();
  const row = page.getByRole('row', { name: /E2E-GA-001/ });
  await row.getByText(/USD\s12,000\.00/).waitFor();
  await row.getByText('Not affected').waitFor();
  // Edit it: a material (Ga, 2 mg per piece), a supplier with its share, a product; every list is saved.
  await row.getByRole('button', { name: 'Edit E2E-GA-001' }).click();
  const edit = page.getByRole('form', { name: 'Edit E2E-GA-001' });
  await page.waitForFunction(() => document.activeElement?.textContent === 'Edit E2E-GA-001');
  await edit.getByRole('button', { name: 'Add material' }).click();
  const material = edit.getByRole('group', { name: 'Material 1' });
  await material.getByLabel('Element').fill('Ga');
  await material.getByLabel('Mass', { exact: true }).fill('2');
  await material.getByLabel('Mass unit').selectOption('MG');
  await edit.getByRole('button', { name: 'Add supplier' }).click();
  await edit.getByRole('group', { name: 'Supplier 1' }).getByLabel('Share of volume (%)').fill('100');
  await edit.getByRole('button', { name: 'Add product' }).click();
  await edit.getByRole('group', { name: 'Product 1' }).getByLabel('Pieces per product').fill('4');
  // A bad element symbol is named under its own input.
  await material.getByLabel('Element').fill('gallium');
  await edit.getByRole('button', { name: 'Save part' }).click();
  await edit.locator('[id$="-m0-el-error"]').waitFor();
  await checkA11y(page, 'part-form-edit');
  await edit.screenshot({ path: join(shots, 'part-form-1280.png') });
  await material.getByLabel('Element').fill('Ga');
  await edit.getByRole('button', { name: 'Save part' }).click();
  await edit.waitFor({ state: 'detached' });
  await row.getByText('Ga (2 mg per piece)').waitFor();
  await row.getByText(/\(100\s?%\)/).waitFor();
  assert.equal(await row.locator('td').nth(4).locator('li').count(), 1, 'one product');
  page.once('dialog', (d) => d.accept());
  await row.getByRole('button', { name: 'Delete E2E-GA-001' }).click();
  await row.waitFor({ state: 'detached' });
  // The shared CSV import: a dry run shows the per-row error; nothing is stored.
  const imp = page.getByRole('region', { name: 'Import from CSV' });
  await imp.getByText('or paste CSV text').click();
  await imp
    .getByLabel('CSV text')
    .fill(
      'partNumber,description,annualSpend,currency\nE2E-CSV-1,Good part,100,EUR\nE2E-CSV-2,Bad currency,100,EURO\n',
    );
  await imp.getByRole('button', { name: 'Check (dry run)' }).click();
  await imp.getByText(/Dry run: 2 row\(s\), 1 valid, 1 error/).waitFor();
  await imp
    .getByRole('row', { name: /E2E-CSV-2/ })
    .getByText(/✗ currency/)
    .waitFor();
  assert.equal(await imp.getByRole('button', { name: /^Import/ }).isDisabled(), true);
  assert.equal(await page.getByRole('row', { name: /E2E-CSV-1/ }).count(), 1, 'only the preview row, nothing stored');
  // A large file (over 256 Ki characters) runs as an import job (202): the page follows it to its report.
  const big = ['partNumber,description,annualSpend,currency'];
  for (let i = 0; i < 6000; i++) big.push(`E2E-BULK-${String(i).padStart(5, '0')},Bulk test part number ${i},1000,EUR`);
  await imp.getByLabel('CSV file').setInputFiles({
    name: 'bulk-parts.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(big.join('\n')),
  });
  const jobPolled = page.waitForResponse((r) => /\/v1\/imports\/[^/?]+/.test(new URL(r.url()).pathname));
  await imp.getByRole('button', { name: 'Check (dry run)' }).click();
  assert.equal((await jobPolled).status(), 200);
  await imp.getByText(/Dry run: 6000 row\(s\), 6000 valid, 0 error/).waitFor();
  // The admin watches everything the parts contain that the watchlist misses, in one go; the gaps go away.
  const gaps = page.getByRole('region', { name: 'What your parts contain that you do not watch' });
  const missing = await gaps.locator('li').count();
  assert.ok(missing >= 1, 'the demo parts contain something unwatched');
  await gaps.getByRole('button', { name: /^Watch (it|all \d+)$/ }).click();
  await page.getByRole('status').getByText(`${missing} watch(es) added`).waitFor();
  assert.equal(await gaps.count(), 0);
  await page.goto(`${base}/watchlist`);
  await page
    .getByText(/gallium|\bGa\b/)
    .first()
    .waitFor();
  await page.context().close();
});

test('phone width (390 px): exposure and alerts', async () => {
  const page = await newPage(390);
  await signIn(page, BUYER);
  await page.getByRole('heading', { name: 'Elements by strongest measure status' }).waitFor();
  await page.getByRole('region', { name: 'Exposure by element' }).locator('.chart svg').waitFor();
  await checkA11y(page, 'exposure-390');
  await shoot(page, 'exposure-390');
  const exposureOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(exposureOverflow <= 1, `exposure: no horizontal scrolling at 390 px (overflow ${exposureOverflow}px)`);
  await page.goto(`${base}/alerts`);
  await page.locator('.alert-row').first().click();
  await page.getByRole('heading', { name: 'Why you got this alert' }).waitFor();
  await checkA11y(page, 'alerts-390');
  await shoot(page, 'alerts-390');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal scrolling at 390 px (overflow ${overflow}px)`);
  await page.context().close();
});

/** A local HTTP receiver keeping every request (headers and raw body); answers 200 with a short JSON body. */
async function webhookReceiver() {
  const requests = [];
  const server = createHttpServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      requests.push({ url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"received":true}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stop = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(r);
    });
  return { requests, url: `http://127.0.0.1:${server.address().port}`, stop };
}

/** Standard Webhooks: v1 = base64(HMAC-SHA256(base64-decoded secret after `whsec_`, `${id}.${timestamp}.${body}`)). */
function signatureValid(secret, { headers, body }) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`)
    .digest();
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .map((s) => Buffer.from(s.replace(/^v1,/, ''), 'base64'))
    .some((sig) => sig.length === expected.length && timingSafeEqual(sig, expected));
}

test('integrations: a tenant admin creates a signed webhook, sees the secret once, sends a test, reads the log', async (t) => {
  const receiver = await webhookReceiver();
  t.after(() => receiver.stop());
  const page = await newPage();
  await signIn(page, ADMIN);
  await page.goto(`${base}/settings?tab=integrations`);
  await page.getByRole('heading', { name: 'Integrations: webhooks, Slack and Teams' }).waitFor();
  await page.getByText('No endpoints yet.').waitFor();
  const form = page.getByRole('form', { name: 'Add an endpoint' });
  // A URL the API refuses: its 400 names `url`, shown under the URL field in words.
  await form.getByLabel('Name').fill('ERP integration');
  await form.getByLabel('URL').fill('ftp://erp.example.com/hooks');
  await form.getByRole('button', { name: 'Create endpoint' }).click();
  await page.locator('#new-tenant-url-error').waitFor();
  assert.match(await page.locator('#new-tenant-url-error').textContent(), /url must be an http:\/\/ or https:\/\/ URL/);
  assert.equal(await form.getByLabel('URL').getAttribute('aria-invalid'), 'true');
  await checkA11y(page, 'integrations-url-error');

  await form.getByLabel('URL').fill(`${receiver.url}/hooks/lodestone`);
  await form.getByLabel('Minimum severity').selectOption('MEDIUM');
  await form.getByRole('button', { name: 'Create endpoint' }).click();
  const once = page.getByRole('region', { name: /signing secret of “ERP integration”.*you will not see it again/ });
  await once.waitFor();
  assert.equal(
    await page.evaluate(() => document.activeElement?.getAttribute('role')),
    'region',
    'focus moves to the secret',
  );
  const secret = (await once.locator('code.secret').textContent()).trim();
  assert.match(secret, /^whsec_[A-Za-z0-9+/=]{40,}$/, 'the signing secret is shown');
  await once.getByRole('button', { name: /Copy signing secret/ }).waitFor();
  const row = page.getByRole('row', { name: /ERP integration/ });
  await row.getByText('Signed webhook').waitFor();
  await row.getByText('127.0.0.1').waitFor();
  await row.getByText('Medium').waitFor();
  await row.getByRole('cell', { name: 'On', exact: true }).waitFor();

  // Shown once: after a reload the page no longer holds it.
  await page.reload();
  await page.getByRole('row', { name: /ERP integration/ }).waitFor();
  assert.equal((await page.content()).includes(secret), false, 'the secret is not shown again');

  // Open it (focus moves to its heading), send a test, and see the attempt in the delivery log.
  await page.getByRole('button', { name: 'Manage ERP integration' }).click();
  const detail = page.getByRole('region', { name: /ERP integration/ }).first();
  await page.getByRole('heading', { name: /ERP integration \(Signed webhook\)/ }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H3', 'focus moves to the opened endpoint');
  await page.getByText('No attempts yet.').waitFor();
  await page.getByRole('button', { name: 'Send test' }).click();
  await page.getByText(/Test queued \(msg_/).waitFor();
  const report = await drainChannels();
  assert.ok(report.sent >= 1, `the channel worker sent the test (${JSON.stringify(report)})`);
  await page.getByText(/Test msg_\w+: ✓ HTTP 200 in \d+ ms/).waitFor();
  const log = page.getByRole('table', { name: 'Delivery log' });
  await log.getByRole('cell', { name: /webhook\.test/ }).waitFor();
  await log.getByText('{"received":true}').waitFor();
  assert.equal(receiver.requests.length, 1, 'the receiver got one request');
  const [got] = receiver.requests;
  assert.equal(got.url, '/hooks/lodestone');
  assert.ok(signatureValid(secret, got), 'signed with the secret shown once');
  assert.equal(JSON.parse(got.body).type, 'webhook.test');
  await detail.waitFor();
  await checkA11y(page, 'integrations');
  await shoot(page, 'integrations-1280');

  // Rotation: the new secret once, with the overlap window in words.
  await page.getByRole('button', { name: 'Rotate signing secret' }).click();
  const rotated = page.getByRole('region', { name: /new signing secret/ });
  await rotated.getByText(/the old secret signs too/).waitFor();
  assert.notEqual((await rotated.locator('code.secret').textContent()).trim(), secret);

  // Turn it off: the list says so in words.
  await page.getByRole('button', { name: 'Turn off' }).click();
  await page
    .getByRole('row', { name: /ERP integration/ })
    .getByRole('cell', { name: 'Off (turned off by a person)' })
    .waitFor();
  // Close: focus goes back to the endpoint's Manage button.
  await page
    .getByRole('region', { name: /ERP integration/ })
    .getByRole('button', { name: 'Close' })
    .click();
  await page.waitForFunction(() => document.activeElement?.id?.startsWith('manage-'));

  // As the worker leaves it after a day of failures: disabled by Lodestone, with its reason in words.
  await db.channelEndpoint.updateMany({
    where: { tenantId: demoTenantId, name: 'ERP integration' },
    data: {
      enabled: false,
      failingSince: new Date(Date.now() - 25 * 3_600_000),
      disabledAt: new Date(),
      disabledReason: 'failing for 24 hours; last error: HTTP 500',
    },
  });
  await page.reload();
  await page
    .getByRole('row', { name: /ERP integration/ })
    .getByText(/Disabled by Lodestone on .*: failing for 24 hours; last error: HTTP 500/)
    .waitFor();
  await page.getByRole('button', { name: 'Manage ERP integration' }).click();
  await page.getByRole('button', { name: 'Turn on again (failures counted afresh)' }).waitFor();
  await checkA11y(page, 'integrations-disabled');

  // Phone width: the opened endpoint and its log fit (tables scroll inside their card).
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('table', { name: 'Delivery log' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `integrations: no horizontal scrolling at 390 px (overflow ${overflow}px)`);
  await checkA11y(page, 'integrations-390');
  await shoot(page, 'integrations-390');
  await page.context().close();

  // Every user has their own endpoints; a buyer has no tenant Integrations tab.
  const buyer = await newPage();
  await signIn(buyer, BUYER);
  await buyer.goto(`${base}/settings?tab=my-endpoints`);
  await buyer.getByRole('heading', { name: 'My endpoints' }).waitFor();
  assert.equal(await buyer.getByRole('link', { name: 'Integrations' }).count(), 0);
  const mine = buyer.getByRole('form', { name: 'Add an endpoint' });
  await mine.getByLabel('Kind').selectOption('SLACK');
  await mine.getByLabel('Name').fill('My Slack');
  await mine.getByLabel('URL').fill(`${receiver.url}/slack`);
  await mine.getByRole('button', { name: 'Create endpoint' }).click();
  await buyer.getByText(/Endpoint “My Slack” created/).waitFor();
  await buyer
    .getByRole('row', { name: /My Slack/ })
    .getByText('Slack', { exact: true })
    .waitFor();
  await checkA11y(buyer, 'my-endpoints');
  await buyer.context().close();
});

test('every page at 390 px: no horizontal scrolling, axe clean; a bad filter is explained under its field', async () => {
  const page = await newPage(390);
  await signIn(page, ADMIN);
  const pages = [
    ['/', 'Exposure'],
    ['/alerts', 'Alerts'],
    ['/measures/MOFCOM-GAC-2025-18', /Export licences required/],
    ['/watchlist', 'Watchlist'],
    ['/suppliers', 'Suppliers'],
    ['/parts', 'Parts'],
    ['/settings', 'Settings'],
    ['/settings?tab=users', 'Settings'],
    ['/settings?tab=integrations', 'Settings'],
    ['/settings?tab=my-endpoints', 'Settings'],
  ];
  for (const [path, heading] of pages) {
    await page.goto(`${base}${path}`);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await checkA11y(page, `${path} at 390`);
    const { overflow, widest } = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      // The outermost elements sticking out on the right, to say what to fix.
      widest: [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((el) => !(el.parentElement?.getBoundingClientRect().right > window.innerWidth + 1))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)}px)`),
    }));
    assert.ok(
      overflow <= 1,
      `${path}: no horizontal scrolling at 390 px (overflow ${overflow}px: ${widest.join(', ')})`,
    );
  }
  // The API's 400 names `element`: its message is shown in words under the Element field.
  await page.goto(`${base}/alerts`);
  await page.getByLabel('Element').fill('dysprosium');
  await page.getByLabel('Element').press('Enter');
  await page
    .locator('#f-element-error')
    .getByText(/element must be an element symbol/)
    .waitFor();
  assert.equal(await page.getByLabel('Element').getAttribute('aria-invalid'), 'true');
  await checkA11y(page, 'alerts-filter-error-390');
  await page.context().close();
});

test('API paths keep precedence over the console; client routes fall back to index.html', async () => {
  const html = await fetch(`${base}/alerts?status=OPEN`, { headers: { Accept: 'text/html' } });
  assert.equal(html.status, 200);
  assert.match(await html.text(), /<div id="root">/);
  const missing = await fetch(`${base}/v1/does-not-exist`, { headers: { Accept: 'text/html' } });
  assert.equal(missing.status, 404);
  assert.match(missing.headers.get('content-type') ?? '', /json/);
  const health = await fetch(`${base}/health`);
  assert.equal(health.status, 200);
  const docs = await fetch(`${base}/docs-json`);
  assert.equal(docs.status, 200);
});
