import { Module } from '@nestjs/common';
import { ImportsModule } from '../imports/imports.module.js';
import { PartsController, ProductsController } from './parts.controller.js';
import { PartsRepository } from './parts.repository.js';
import { PartsService } from './parts.service.js';

/** A tenant's parts and products over HTTP (issue 15, docs/parts.md). */
@Module({
  imports: [ImportsModule],
  controllers: [PartsController, ProductsController],
  providers: [PartsRepository, PartsService],
  exports: [PartsRepository, PartsService],
})
export class PartsModule {}
