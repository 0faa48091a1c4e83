import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module.js';
import { EventDetailController } from './event-detail.controller.js';
import { EventDetailService } from './event-detail.service.js';
import { MeasuresController } from './measures.controller.js';
import { MeasuresRepository } from './measures.repository.js';
import { MeasuresService } from './measures.service.js';

/**
 * Measures: one per announcement / FR document, with the status timeline built from every source's events; GET
 * /v1/measures. Also GET /v1/events/:id: one stored event with its text tags.
 */
@Module({
  imports: [ReferenceModule],
  controllers: [MeasuresController, EventDetailController],
  providers: [MeasuresRepository, MeasuresService, EventDetailService],
  exports: [MeasuresService],
})
export class MeasuresModule {}
