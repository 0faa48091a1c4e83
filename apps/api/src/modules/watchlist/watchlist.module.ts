import { Module } from '@nestjs/common';
import { ReferenceModule } from '../reference/reference.module.js';
import { TenantsModule } from '../tenants/tenants.module.js';
import { WatchlistController } from './watchlist.controller.js';
import { WatchlistService } from './watchlist.service.js';

@Module({ imports: [TenantsModule, ReferenceModule], controllers: [WatchlistController], providers: [WatchlistService] })
export class WatchlistModule {}
