import { Global, Module } from '@nestjs/common';
import { CLOCK, systemClock } from '../common/clock.js';
import { LOG_DESTINATION } from '../common/logging.js';
import { APP_CONFIG, loadConfig } from './app-config.js';

/** Provides {@link APP_CONFIG} (validated once, at start-up), the system {@link CLOCK} and the log destination (stdout). */
@Global()
@Module({
  providers: [
    { provide: APP_CONFIG, useFactory: () => loadConfig(process.env) },
    { provide: CLOCK, useValue: systemClock },
    { provide: LOG_DESTINATION, useValue: null },
  ],
  exports: [APP_CONFIG, CLOCK, LOG_DESTINATION],
})
export class ConfigModule {}
