import { Module } from '@nestjs/common';
import { AlertsRepository } from './alerts.repository.js';

@Module({ providers: [AlertsRepository], exports: [AlertsRepository] })
export class AlertsModule {}
