import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { EventsModule } from '../modules/events/events.module.js';
import { SourcesModule } from '../modules/sources/sources.module.js';
import { OutboxSchedule } from './outbox.schedule.js';
import { SourcesSchedule } from './sources.schedule.js';

/** The one ScheduleModule.forRoot() of the app, and the schedules. */
@Module({
  imports: [ScheduleModule.forRoot(), EventsModule, SourcesModule],
  providers: [OutboxSchedule, SourcesSchedule],
})
export class JobsModule {}
