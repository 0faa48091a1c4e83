import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Lifecycle } from '../common/lifecycle.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SourcesService } from '../modules/sources/sources.service.js';

/**
 * Every minute, runs the enabled sources whose interval (e.g. FEDERAL_REGISTER_INTERVAL_MINUTES) has passed since
 * their last attempt. Runs never overlap in this process; across processes the source lease keeps one run at a time.
 * Off when SCHEDULES_ENABLED=false.
 */
@Injectable()
export class SourcesSchedule {
  private readonly logger = new Logger(SourcesSchedule.name);
  private running = false;

  constructor(
    private readonly sources: SourcesService,
    private readonly lifecycle: Lifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Interval('sources', 60_000)
  async tick(): Promise<void> {
    if (!this.config.schedulesEnabled || this.running) return;
    this.running = true;
    try {
      await this.lifecycle.job(() => this.sources.runDue()); // shutdown waits for it
    } catch (error) {
      this.logger.error(`source schedule: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
