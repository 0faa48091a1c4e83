/**
 * node apps/api/dist/cli/deliver.js [--seed N] [--until-empty]
 * A stand-alone outbox delivery worker (the same DeliveryWorker the API runs on its schedule), for operations and the
 * delivery fault benchmark (bench/email-fault.mjs):
 * - `--seed N`: provisions a bench tenant with N buyers and queues one alert email each (unique dedupe keys), then exits;
 * - `--until-empty`: drains the outbox (with DELIVERY_QUEUE=pgboss, the default: works the `deliver-email` queue) until
 *   no row is PENDING or SENDING, then exits 0; prints one JSON line per drain.
 * Configuration from the environment as for the API (DATABASE_URL, SMTP_URL, OUTBOX_* …).
 */
process.env.SCHEDULES_ENABLED ??= 'false';
process.env.LOG_LEVEL ??= 'warn';

const args = process.argv.slice(2);
const { createContext } = await import('../bootstrap.js');
const { DeliveryWorker } = await import('../mail/delivery-worker.js');
const { PrismaService } = await import('../database/prisma.service.js');
const { crossTenant } = await import('../database/tenant-scope.js');
const { TenantsService } = await import('../modules/tenants/tenants.service.js');
const { NotificationsRepository } = await import('../modules/notifications/notifications.repository.js');
const { NotificationsService } = await import('../modules/notifications/notifications.service.js');

const app = await createContext();
try {
  const seedAt = args.indexOf('--seed');
  if (seedAt >= 0) {
    const n = Number(args[seedAt + 1]);
    const tenants = app.get(TenantsService);
    const slug = `bench-${Date.now()}`;
    const { id: tenantId } = await tenants.provision({
      slug,
      name: '华东磁材 Bench GmbH',
      users: Array.from({ length: n }, (_, i) => ({
        email: `buyer${i}@${slug}.example`,
        name: `采购 ${i}`,
        role: 'BUYER' as const,
      })),
      watches: [{ kind: 'ELEMENT', elementSymbol: 'Dy' }],
      suppliers: [],
    });
    const prisma = app.get(PrismaService);
    const users = await prisma.db.user.findMany({ where: { tenantId }, orderBy: { email: 'asc' } });
    const notifications = app.get(NotificationsService);
    const { AlertEmail } = await import('@lodestone/email-templates');
    const rows = users.map((u, i) => ({
      tenantId,
      userId: u.id,
      recipient: u.email,
      template: 'alert',
      payload: { ...AlertEmail.PreviewProps, recipientName: u.name, tenantName: '华东磁材 Bench GmbH' } as never,
      messageId: notifications.newMessageId(),
      dedupeKey: `bench:${slug}:${i}`,
    }));
    const inserted = await app.get(NotificationsRepository).insertDeliveries(null, rows);
    console.log(JSON.stringify({ seeded: inserted, tenantId }));
  }
  if (args.includes('--until-empty')) {
    const worker = app.get(DeliveryWorker);
    const prisma = app.get(PrismaService);
    // DELIVERY_QUEUE=pgboss (the default): email comes from the job queue. The queue's workers (started after giving
    // unfinished rows without a job one) run beside the drains, which work the due jobs in this process too.
    await worker.startQueueWorkers();
    const open = () =>
      crossTenant('operator CLI watches the whole outbox', () =>
        prisma.db.emailDelivery.count({ where: { status: { in: ['PENDING', 'SENDING'] } } }),
      );
    while ((await open()) > 0) {
      const r = await worker.drain();
      console.log(JSON.stringify({ pid: process.pid, sent: r.sent, retried: r.retried, failed: r.failed }));
      if (r.sent + r.retried + r.failed === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
} finally {
  await app.close();
}
