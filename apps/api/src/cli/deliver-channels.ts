/**
 * node apps/api/dist/cli/deliver-channels.js --until-empty
 * A stand-alone channel delivery worker (the same ChannelWorker the API runs on its schedule), for operations and the
 * webhook fault benchmark (bench/webhook-fault.mjs): drains the channel outbox (webhooks, Slack, Teams) until no row is
 * PENDING or SENDING, then exits 0; prints one JSON line per drain. Configuration from the environment as for the API
 * (DATABASE_URL, WEBHOOK_ALLOW_PRIVATE, CHANNEL_*, OUTBOX_CLAIM_TIMEOUT_SECONDS …).
 */
process.env.SCHEDULES_ENABLED ??= 'false';
process.env.LOG_LEVEL ??= 'warn';

const { createContext } = await import('../bootstrap.js');
const { ChannelWorker } = await import('../modules/channels/channel-worker.js');
const { PrismaService } = await import('../database/prisma.service.js');
const { crossTenant } = await import('../database/tenant-scope.js');

const app = await createContext();
try {
  if (process.argv.includes('--until-empty')) {
    const worker = app.get(ChannelWorker);
    const prisma = app.get(PrismaService);
    // DELIVERY_QUEUE=pgboss (the default): webhooks, Slack and Teams come from the job queues, whose workers run beside
    // the drains (which work the due jobs in this process too).
    await worker.startQueueWorkers();
    const open = () =>
      crossTenant('operator CLI watches the whole channel outbox', () =>
        prisma.db.channelDelivery.count({ where: { status: { in: ['PENDING', 'SENDING'] } } }),
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
