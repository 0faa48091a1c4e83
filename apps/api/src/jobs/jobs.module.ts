import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { EventsModule } from '../modules/events/events.module.js';
import { OutboxSchedule } from './outbox.schedule.js';

/** The one ScheduleModule.forRoot() of the app, and the schedules. */
@Module({
  imports: [ScheduleModule.forRoot(), EventsModule],
  providers: [OutboxSchedule],
})
export class JobsModule {}
