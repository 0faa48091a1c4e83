import { Module } from '@nestjs/common';
import { MeasuresModule } from '../measures/measures.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { EventIndexCache } from './event-index.cache.js';
import { ExposureController } from './exposure.controller.js';
import { ExposureRepository } from './exposure.repository.js';
import { ExposureService } from './exposure.service.js';

/** Exposure (GET /v1/exposure) and back-matching (ExposureService.backfill). */
@Module({
  imports: [ReferenceModule, MeasuresModule],
  controllers: [ExposureController],
  providers: [ExposureRepository, EventIndexCache, ExposureService],
  exports: [ExposureService],
})
export class ExposureModule {}
