/**
 * npm run demo
 * The main job end to end on the embedded default (PGlite in ./.data/db, .eml files in ./.data/outbox): provisions a
 * demo tenant (a magnet maker watching Dy, Tb, Sm, HS 8505.11 and 2846, with two suppliers), ingests real 2025 events
 * (apps/api/demo/events-2025.json), sends the alert emails, and prints the alerts with their reasons and email paths.
 * The tenant also gets a small bill of materials (apps/api/demo/demo-bom.json: parts, products, suppliers, with the
 * sources of the material facts) before the events arrive, and each alert is printed with its impact on those parts
 * and the alternative sources for the elements it concerns.
 * Running it again adds no alert and no email.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.SCHEDULES_ENABLED ??= 'false';
process.env.LOG_LEVEL ??= 'warn';

const demoDir = join(dirname(fileURLToPath(import.meta.url)), '../../demo');
const { createContext } = await import('../bootstrap.js');
const { EventsService } = await import('../modules/events/events.service.js');
const { TenantsService } = await import('../modules/tenants/tenants.service.js');
const { AlertsRepository } = await import('../modules/alerts/alerts.repository.js');
const { DeliveryWorker } = await import('../mail/delivery-worker.js');
const { PasswordHasher } = await import('../modules/auth/password-hasher.js');
const { PrismaService } = await import('../database/prisma.service.js');
const { APP_CONFIG } = await import('../config/app-config.js');

/** Sign-in of the demo tenant's people in the web console (demo data only; never set on a real tenant). */
const DEMO_PASSWORD = 'demo-magnets-2025';
const { readEventFile, ingestEventFile } = await import('./event-file.js');
const { loadDemoBom } = await import('./demo-bom.js');
const { PartsImpactService } = await import('../modules/parts/parts-impact.service.js');
const { AlternativesService } = await import('../modules/parts/alternatives.service.js');

const app = await createContext();
try {
  const setup = JSON.parse(readFileSync(join(demoDir, 'demo-tenant.json'), 'utf8'));
  const tenant = await app.get(TenantsService).provision(setup);
  // The demo's people can sign in to the console: a known password for those who have none yet.
  await app.get(PrismaService).db.user.updateMany({
    where: { tenantId: tenant.id, passwordHash: null },
    data: { passwordHash: await app.get(PasswordHasher).hash(DEMO_PASSWORD) },
  });
  console.log(`Tenant "${setup.name}" (${setup.slug}): ${tenant.created ? 'created' : 'already there'}`);
  console.log(
    `  watches: ${setup.watches.map((w: { elementSymbol?: string; hsPrefix?: string }) => w.elementSymbol ?? `HS ${w.hsPrefix}`).join(', ')}`,
  );
  console.log(`  suppliers: ${setup.suppliers.map((s: { legalNameEn: string }) => s.legalNameEn).join('; ')}`);
  const bom = JSON.parse(readFileSync(join(demoDir, 'demo-bom.json'), 'utf8'));
  const added = await loadDemoBom(app, tenant.id, bom);
  console.log(
    `  bill of materials: ${bom.parts.length} parts in ${bom.products.length} products (${added} added this run; sources in demo/demo-bom.json)\n`,
  );

  const file = await readEventFile(join(demoDir, 'events-2025.json'));
  const lines = await ingestEventFile(app.get(EventsService), file);
  console.log('Events');
  for (const l of lines) {
    console.log(
      `  ${l.created ? 'new ' : 'seen'}  ${l.kind.padEnd(13)} ${l.externalId.padEnd(46)} alerts ${l.alerts}, emails queued ${l.emailsQueued}`,
    );
  }
  const sent = await app.get(DeliveryWorker).drain();
  const newAlerts = lines.filter((l) => l.created).reduce((n, l) => n + l.alerts, 0);
  const queued = lines.reduce((n, l) => n + l.emailsQueued, 0);
  console.log(
    `\nThis run: ${newAlerts} new alert(s), ${queued} email(s) queued, ${sent.sent} sent, ${sent.retried} retrying, ${sent.failed} failed\n`,
  );

  const alerts = await app.get(AlertsRepository).listForTenant(tenant.id);
  console.log(`Alerts of ${setup.name} (${alerts.length})`);
  const cwd = process.env.INIT_CWD ?? process.cwd();
  for (const a of alerts.reverse()) {
    const event = a.policyChange ?? a.permitEvent;
    console.log(`\n  [${a.severity}] ${a.title}`);
    if (a.policyChange?.reference) console.log(`    ${a.policyChange.reference}`);
    for (const r of a.reasons as { text: string }[]) console.log(`    - ${r.text}`);
    if (event?.sourceUrl) console.log(`    source: ${event.sourceUrl}`);
    const impact = (await app.get(PartsImpactService).ofAlerts(tenant.id, [a])).get(a.id)!;
    console.log(`    impact: ${impact.headline}`);
    for (const p of impact.affectedParts) {
      const spend = p.annualSpend ? `${p.annualSpend.currency} ${p.annualSpend.amount}/year` : 'spend not on file';
      const mass = p.elementMass
        .map((m) => `${m.symbol} ${m.kgPerYear === null ? `unknown (${m.unknownReason})` : `${m.kgPerYear} kg/year`}`)
        .join(', ');
      console.log(`      ${p.partNumber}: ${p.sourcing}, ${spend}; ${mass}`);
    }
    const elements = [...new Set(impact.affectedParts.flatMap((p) => p.elementMass.map((m) => m.symbol)))];
    for (const element of elements) {
      const alt = await app.get(AlternativesService).alternatives(tenant.id, { element });
      const own = alt.ownSuppliers.map((s) => `${s.name} (${s.country})`).join('; ') || 'none on file';
      const producers = alt.producers
        .slice(0, 3)
        .map(
          (p) =>
            `${p.name} (${p.country}, ${p.match === 'NAMES_ELEMENT' ? 'names it' : p.matchedWords}; ${p.sources.role[0] ?? p.sources.country[0]})`,
        )
        .join('; ');
      console.log(
        `      alternatives for ${element} outside ${alt.jurisdiction}: own suppliers ${own}; producers ${producers || 'none in the reference'}`,
      );
    }
    for (const d of a.deliveries) {
      const where = d.providerMessageId?.endsWith('.eml')
        ? relative(cwd, d.providerMessageId)
        : (d.providerMessageId ?? '');
      console.log(`    email to ${d.recipient}: ${d.status} ${where}`);
    }
  }
  const publicUrl = app.get<{ publicUrl: string }>(APP_CONFIG).publicUrl;
  console.log(`\nWeb console: run \`npm start\`, open ${publicUrl}/ and sign in as`);
  for (const u of setup.users as { email: string; role: string }[]) {
    console.log(`  ${u.email} (${u.role.toLowerCase().replace('_', ' ')}), password ${DEMO_PASSWORD}`);
  }
} finally {
  await app.close();
}
