import { Module } from '@nestjs/common';
import { ExposureModule } from '../exposure/exposure.module.js';
import { SuppliersController, WatchlistController } from './watchlist.controller.js';
import { ImportsModule } from '../imports/imports.module.js';
import { WatchlistRepository } from './watchlist.repository.js';
import { WatchlistService } from './watchlist.service.js';

/** A tenant's watchlist items and suppliers over HTTP. */
@Module({
  imports: [ExposureModule, ImportsModule],
  controllers: [WatchlistController, SuppliersController],
  providers: [WatchlistRepository, WatchlistService],
})
export class WatchlistModule {}
