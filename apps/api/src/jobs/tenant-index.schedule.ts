import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TenantIndexCache } from '../modules/events/tenant-index.cache.js';
import { ReferenceService } from '../modules/reference/reference.service.js';

/** How often a process that matches at ingestion checks whether its tenant index is current, in ms. */
export const TENANT_INDEX_REFRESH_MS = 5_000;

/**
 * Keeps the ingestion's tenant index warm (docs/fanout.md, "The tenant index off the request path"): a process that
 * matches at ingestion (MATCH_SHARDS=1) and runs the API or the schedules builds the index at start-up, before it
 * takes requests, and every {@link TENANT_INDEX_REFRESH_MS} rebuilds it in the background when a tenant's watches,
 * suppliers, supplier-name decisions or status changed (one read of the counters' sum when nothing did). An ingestion
 * then meets at most the tenants changed in the last few seconds, matched by a small overlay, instead of building the
 * whole index itself. Off in tests (SCHEDULES_ENABLED=false) and with MATCH_SHARDS > 1 (match workers keep their
 * shard's index per job).
 */
@Injectable()
export class TenantIndexSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(TenantIndexSchedule.name);

  constructor(
    private readonly cache: TenantIndexCache,
    private readonly reference: ReferenceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether this process keeps the index warm: it matches at ingestion and serves the API or runs schedules. */
  get enabled(): boolean {
    return this.config.matching.shards === 1 && (this.config.schedulesEnabled || this.config.processRole === 'api');
  }

  /** Builds the index before the server takes requests (a failure is logged; the first ingestion then builds it). */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    const started = performance.now();
    await this.cache.refresh(await this.reference.index(), { wait: true });
    this.logger.log(`tenant index built in ${Math.round(performance.now() - started)} ms`);
  }

  @Interval('tenant-index', TENANT_INDEX_REFRESH_MS)
  async tick(): Promise<void> {
    if (!this.enabled) return;
    await this.cache.refresh(await this.reference.index());
  }
}
