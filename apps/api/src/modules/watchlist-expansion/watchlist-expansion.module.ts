import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module.js';
import { WatchlistExpansionController } from './watchlist-expansion.controller.js';
import { WatchlistExpansionRepository } from './watchlist-expansion.repository.js';
import { WatchlistExpansionService } from './watchlist-expansion.service.js';

/** GET /v1/watchlist/expansion. Imported before WatchlistModule, so its route is registered before /v1/watchlist/:id. */
@Module({
  imports: [ReferenceModule],
  controllers: [WatchlistExpansionController],
  providers: [WatchlistExpansionRepository, WatchlistExpansionService],
})
export class WatchlistExpansionModule {}
