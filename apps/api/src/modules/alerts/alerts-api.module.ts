import { Module } from '@nestjs/common';
import { AlertsApiController } from './alerts-api.controller.js';
import { AlertsApiRepository } from './alerts-api.repository.js';
import { AlertsApiService } from './alerts-api.service.js';

/** The alerts API (list, acknowledge, assign, comment, history). */
@Module({ controllers: [AlertsApiController], providers: [AlertsApiRepository, AlertsApiService] })
export class AlertsApiModule {}
