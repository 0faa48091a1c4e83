import { Global, Module } from '@nestjs/common';
import { CLOCK, systemClock } from '../common/clock.js';
import { APP_CONFIG, loadConfig } from './app-config.js';

/** Provides {@link APP_CONFIG} (validated once, at start-up) and the system {@link CLOCK}. */
@Global()
@Module({
  providers: [
    { provide: APP_CONFIG, useFactory: () => loadConfig(process.env) },
    { provide: CLOCK, useValue: systemClock },
  ],
  exports: [APP_CONFIG, CLOCK],
})
export class ConfigModule {}
