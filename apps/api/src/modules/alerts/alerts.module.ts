import { Module } from '@nestjs/common';
import { AlertRaiser } from './alert-raiser.js';
import { AlertsRepository } from './alerts.repository.js';

/** Alerts: the repository and the {@link AlertRaiser}, the one place that creates them (subscribers register with it). */
@Module({ providers: [AlertsRepository, AlertRaiser], exports: [AlertsRepository, AlertRaiser] })
export class AlertsModule {}
