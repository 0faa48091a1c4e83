import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { MeasuresModule } from '../measures/measures.module.js';
import { PartsModule } from '../parts/parts.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { EventIndexCache } from './event-index.cache.js';
import { ExposureController } from './exposure.controller.js';
import { ExposureRepository } from './exposure.repository.js';
import { ExposureService } from './exposure.service.js';
import { ExposureSummarySubscriber } from './exposure-summary.subscriber.js';
import { ImpactController } from './impact.controller.js';
import { ImpactRepository } from './impact.repository.js';
import { ImpactService } from './impact.service.js';

/** Exposure (GET /v1/exposure), back-matching (ExposureService.backfill) and the impact workflow. */
@Module({
  imports: [ReferenceModule, MeasuresModule, PartsModule, AlertsModule],
  controllers: [ExposureController, ImpactController],
  providers: [
    ExposureRepository,
    EventIndexCache,
    ExposureService,
    ExposureSummarySubscriber,
    ImpactRepository,
    ImpactService,
  ],
  exports: [ExposureService, ImpactService],
})
export class ExposureModule {}
