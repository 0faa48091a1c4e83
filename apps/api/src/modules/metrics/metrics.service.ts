import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

/** Where a delivery went: `email` today; `webhook`, `slack`, `teams` as those channels land. */
export type DeliveryChannel = 'email' | 'webhook' | 'slack' | 'teams';
/** How one delivery attempt ended. */
export type DeliveryOutcome = 'sent' | 'retry' | 'failed';

/** Reads the state of the delivery queue at scrape time (rows waiting, age of the oldest due one). */
export interface QueueProbe {
  /**
   * @param now - the scrape time.
   * @returns rows waiting (pending or claimed) and the age in seconds of the oldest one that is due (0 when none).
   */
  depth(now: Date): Promise<{ waiting: number; oldestDueAgeSeconds: number }>;
}

/** Reads the fan-out jobs not done yet at scrape time (modules/events/fanout.service.ts). */
export interface FanoutProbe {
  /**
   * @param now - the scrape time.
   * @returns jobs pending or running, and the age in seconds of the oldest of them by creation (0 when none).
   */
  backlog(now: Date): Promise<{ pending: number; oldestAgeSeconds: number }>;
}

/**
 * Prometheus metrics of this process (prom-client, its own registry so two apps in one test process never share
 * series). Names follow Prometheus conventions (`_total` counters, `_seconds` histograms). Recording is always on and
 * costs a map lookup; exposure at `GET /metrics` is off unless METRICS_ENABLED=true.
 *
 * Series: `lodestone_deliveries_total{channel,outcome}`, `lodestone_delivery_queue_waiting`,
 * `lodestone_delivery_queue_oldest_due_age_seconds`, `lodestone_fanout_jobs_pending`,
 * `lodestone_fanout_oldest_pending_age_seconds`, `lodestone_ingest_duration_seconds{type}`,
 * `lodestone_match_duration_seconds`, `lodestone_alerts_raised_total{trigger}`,
 * `lodestone_source_runs_total{source,outcome}`, plus Node's default process metrics (`lodestone_process_*`).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private queue: QueueProbe | null = null;
  private fanout: FanoutProbe | null = null;
  private readonly deliveries = new Counter({
    name: 'lodestone_deliveries_total',
    help: 'Delivery attempts by channel and outcome (sent, retry = temporary failure rescheduled, failed = permanent).',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly ingest = new Histogram({
    name: 'lodestone_ingest_duration_seconds',
    help: 'Time to ingest one event (store, match, raise alerts, queue notifications), by event type.',
    labelNames: ['type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly match = new Histogram({
    name: 'lodestone_match_duration_seconds',
    help: 'Time to match one event against every tenant (the in-memory tenant index).',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  private readonly alerts = new Counter({
    name: 'lodestone_alerts_raised_total',
    help: 'Alerts raised, by trigger (ingestion, screening, reversal).',
    labelNames: ['trigger'] as const,
    registers: [this.registry],
  });
  private readonly sourceRuns = new Counter({
    name: 'lodestone_source_runs_total',
    help: 'Source runs by source and outcome (ok, failed, skipped).',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(@Inject(APP_CONFIG) readonly config: AppConfig) {
    const probe = () => this.queue;
    const read = async (now: Date) => (await probe()?.depth(now)) ?? { waiting: 0, oldestDueAgeSeconds: 0 };
    new Gauge({
      name: 'lodestone_delivery_queue_waiting',
      help: 'Deliveries waiting to be sent (pending or claimed), all tenants.',
      registers: [this.registry],
      async collect() {
        this.set((await read(new Date())).waiting);
      },
    });
    new Gauge({
      name: 'lodestone_delivery_queue_oldest_due_age_seconds',
      help: 'Age in seconds of the oldest delivery that is due and not yet sent (0 when none is due).',
      registers: [this.registry],
      async collect() {
        this.set((await read(new Date())).oldestDueAgeSeconds);
      },
    });
    const fanout = () => this.fanout;
    const backlog = async (now: Date) => (await fanout()?.backlog(now)) ?? { pending: 0, oldestAgeSeconds: 0 };
    new Gauge({
      name: 'lodestone_fanout_jobs_pending',
      help: 'Fan-out jobs not done yet (queued, running or waiting for a retry), all events.',
      registers: [this.registry],
      async collect() {
        this.set((await backlog(new Date())).pending);
      },
    });
    new Gauge({
      name: 'lodestone_fanout_oldest_pending_age_seconds',
      help: 'Age in seconds, since its event was stored, of the oldest fan-out job not done yet (0 when none).',
      registers: [this.registry],
      async collect() {
        this.set((await backlog(new Date())).oldestAgeSeconds);
      },
    });
    if (config.metrics.enabled) collectDefaultMetrics({ register: this.registry, prefix: 'lodestone_' });
  }

  /** Registers what the queue gauges read (the mail module's outbox). */
  setQueueProbe(probe: QueueProbe): void {
    this.queue = probe;
  }

  /** Registers what the fan-out gauges read (the events module's fan-out worker). */
  setFanoutProbe(probe: FanoutProbe): void {
    this.fanout = probe;
  }

  /** Counts one delivery attempt's outcome. */
  delivery(channel: DeliveryChannel, outcome: DeliveryOutcome): void {
    this.deliveries.inc({ channel, outcome });
  }

  /** Observes one ingestion, in seconds, by event type (`POLICY_CHANGE`, `PERMIT_EVENT`). */
  observeIngest(type: string, seconds: number): void {
    this.ingest.observe({ type }, seconds);
  }

  /** Observes one event's match against all tenants, in seconds. */
  observeMatch(seconds: number): void {
    this.match.observe(seconds);
  }

  /** Counts `n` alerts raised by `trigger`. */
  alertsRaised(trigger: 'ingestion' | 'screening' | 'reversal' | 'backfill', n: number): void {
    if (n > 0) this.alerts.inc({ trigger }, n);
  }

  /** Counts one source run by its outcome. */
  sourceRun(source: string, outcome: string): void {
    this.sourceRuns.inc({ source, outcome });
  }

  /** The text exposition (Prometheus format 0.0.4) and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
