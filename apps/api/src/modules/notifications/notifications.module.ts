import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module.js';
import { NotificationsService } from './notifications.service.js';

@Module({ imports: [TenantsModule], providers: [NotificationsService], exports: [NotificationsService] })
export class NotificationsModule {}
