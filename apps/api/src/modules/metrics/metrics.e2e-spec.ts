import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DeliveryWorker } from '../../mail/delivery-worker.js';
import { magnetMaker, no18 } from '../../testing/fixtures.js';
import { createTestApp } from '../../testing/test-app.js';
import { TenantsService } from '../tenants/tenants.service.js';

/** The value of one series in a Prometheus text exposition, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('is 404 unless METRICS_ENABLED=true', async () => {
    app = await createTestApp({ DATABASE_URL: 'pglite://memory' });
    const res = await request(app.getHttpServer()).get('/metrics').expect(404);
    expect(res.body.message).toMatch(/METRICS_ENABLED/);
  });

  it('counts ingestion, matching, alerts and email deliveries, and reports the queue; METRICS_TOKEN guards it', async () => {
    app = await createTestApp({ DATABASE_URL: 'pglite://memory', METRICS_ENABLED: 'true', METRICS_TOKEN: 'scrape-me' });
    const http = () => request(app!.getHttpServer());
    await http().get('/metrics').expect(401);
    await http().get('/metrics').set('authorization', 'Bearer wrong-token').expect(401);
    const scrape = async () =>
      (await http().get('/metrics').set('authorization', 'Bearer scrape-me').expect(200)).text as string;

    const before = await scrape();
    expect(sample(before, 'lodestone_delivery_queue_waiting')).toBe(0);
    expect(sample(before, 'lodestone_alerts_raised_total{trigger="ingestion"}')).toBeUndefined();

    await app.get(TenantsService).provision(magnetMaker('alpha'));
    await http().post('/v1/policy-changes').send(no18).expect(201);
    const queued = await scrape();
    expect(sample(queued, 'lodestone_alerts_raised_total{trigger="ingestion"}')).toBe(1);
    expect(sample(queued, 'lodestone_ingest_duration_seconds_count{type="POLICY_CHANGE"}')).toBe(1);
    expect(sample(queued, 'lodestone_match_duration_seconds_count')).toBe(1);
    const waiting = sample(queued, 'lodestone_delivery_queue_waiting')!;
    expect(waiting).toBeGreaterThan(0);

    await app.get(DeliveryWorker).drain();
    const sent = await scrape();
    expect(sample(sent, 'lodestone_deliveries_total{channel="email",outcome="sent"}')).toBe(waiting);
    expect(sample(sent, 'lodestone_delivery_queue_waiting')).toBe(0);
    expect(sent).toContain('lodestone_process_resident_memory_bytes');
    expect(sent).not.toContain('alpha'); // aggregates only: no tenant names
  });
});
