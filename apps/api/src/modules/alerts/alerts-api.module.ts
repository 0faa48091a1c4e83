import { Module } from '@nestjs/common';
import { MeasuresModule } from '../measures/measures.module.js';
import { PartsModule } from '../parts/parts.module.js';
import { AlertsApiController } from './alerts-api.controller.js';
import { AlertsApiRepository } from './alerts-api.repository.js';
import { AlertsApiService } from './alerts-api.service.js';

/** The alerts API (list, acknowledge, assign, comment, history). */
@Module({
  imports: [MeasuresModule, PartsModule],
  controllers: [AlertsApiController],
  providers: [AlertsApiRepository, AlertsApiService],
  exports: [AlertsApiService],
})
export class AlertsApiModule {}
