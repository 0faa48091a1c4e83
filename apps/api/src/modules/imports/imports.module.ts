import { Module } from '@nestjs/common';
import { ImportsController } from './imports.controller.js';
import { ImportsRepository } from './imports.repository.js';
import { ImportsService } from './imports.service.js';

/** CSV import jobs: the runner used by the watchlist and supplier imports, and GET /v1/imports/:id. */
@Module({ controllers: [ImportsController], providers: [ImportsRepository, ImportsService], exports: [ImportsService] })
export class ImportsModule {}
