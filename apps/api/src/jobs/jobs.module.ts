import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { EventsModule } from '../modules/events/events.module.js';
import { NotificationsModule } from '../modules/notifications/notifications.module.js';
import { NotificationsSchedule } from './notifications.schedule.js';
import { OutboxSchedule } from './outbox.schedule.js';

/** The one ScheduleModule.forRoot() of the app, and the schedules. */
@Module({
  imports: [ScheduleModule.forRoot(), EventsModule, NotificationsModule],
  providers: [OutboxSchedule, NotificationsSchedule],
})
export class JobsModule {}
