import { Module } from '@nestjs/common';
import { MeasuresRepository } from './measures.repository.js';
import { MeasuresService } from './measures.service.js';

/** Measures: one per announcement / FR document, with the status timeline built from every source's events. */
@Module({ providers: [MeasuresRepository, MeasuresService], exports: [MeasuresService] })
export class MeasuresModule {}
