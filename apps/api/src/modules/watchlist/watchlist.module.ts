import { Module } from '@nestjs/common';
import { SuppliersController, WatchlistController } from './watchlist.controller.js';
import { WatchlistRepository } from './watchlist.repository.js';
import { WatchlistService } from './watchlist.service.js';

/** A tenant's watchlist items and suppliers over HTTP. */
@Module({ controllers: [WatchlistController, SuppliersController], providers: [WatchlistRepository, WatchlistService] })
export class WatchlistModule {}
