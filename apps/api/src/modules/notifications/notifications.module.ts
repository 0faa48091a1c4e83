import { Module } from '@nestjs/common';
import { MeasuresModule } from '../measures/measures.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { SourceRecordsModule } from '../sources/source-records.module.js';
import { TenantsModule } from '../tenants/tenants.module.js';
import { ChannelsModule } from '../channels/channels.module.js';
import { ExposureModule } from '../exposure/exposure.module.js';
import { PartsModule } from '../parts/parts.module.js';
import { DigestService } from './digest.service.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';
import { NotificationSettingsController } from './notification-settings.controller.js';
import { PreferencesController } from './preferences.controller.js';
import { PreferencesService } from './preferences.service.js';
import { RemindersService } from './reminders.service.js';

/** Preferences, immediate alert emails, digests, reminders, reversal updates, and the signed-link endpoints. */
@Module({
  imports: [
    TenantsModule,
    ReferenceModule,
    SourceRecordsModule,
    MeasuresModule,
    ChannelsModule,
    PartsModule,
    ExposureModule,
  ],
  controllers: [PreferencesController, NotificationSettingsController],
  providers: [NotificationsRepository, NotificationsService, DigestService, RemindersService, PreferencesService],
  exports: [NotificationsService, DigestService, RemindersService, PreferencesService],
})
export class NotificationsModule {}
