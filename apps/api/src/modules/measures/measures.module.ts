import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module.js';
import { MeasuresController } from './measures.controller.js';
import { MeasuresRepository } from './measures.repository.js';
import { MeasuresService } from './measures.service.js';

/** Measures: one per announcement / FR document, with the status timeline built from every source's events; GET /v1/measures. */
@Module({
  imports: [ReferenceModule],
  controllers: [MeasuresController],
  providers: [MeasuresRepository, MeasuresService],
  exports: [MeasuresService],
})
export class MeasuresModule {}
