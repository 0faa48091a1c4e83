import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { EventsModule } from '../modules/events/events.module.js';
import { NotificationsModule } from '../modules/notifications/notifications.module.js';
import { NotificationsSchedule } from './notifications.schedule.js';
import { SourcesModule } from '../modules/sources/sources.module.js';
import { OutboxSchedule } from './outbox.schedule.js';
import { SourcesSchedule } from './sources.schedule.js';
import { ChannelsModule } from '../modules/channels/channels.module.js';
import { ChannelsSchedule } from './channels.schedule.js';
import { ReferenceModule } from '../modules/reference/reference.module.js';
import { TenantIndexSchedule } from './tenant-index.schedule.js';

/** The one ScheduleModule.forRoot() of the app, and the schedules. */
@Module({
  imports: [
    ScheduleModule.forRoot(),
    EventsModule,
    NotificationsModule,
    SourcesModule,
    ChannelsModule,
    ReferenceModule,
  ],
  providers: [OutboxSchedule, NotificationsSchedule, SourcesSchedule, ChannelsSchedule, TenantIndexSchedule],
})
export class JobsModule {}
