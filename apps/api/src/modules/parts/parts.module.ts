import { Module } from '@nestjs/common';
import { ImportsModule } from '../imports/imports.module.js';
import { ReferenceModule } from '../reference/reference.module.js';
import { PartsImpactService } from './parts-impact.service.js';
import { AlternativesController } from './alternatives.controller.js';
import { AlternativesService } from './alternatives.service.js';
import { PartsController, ProductsController } from './parts.controller.js';
import { PartsRepository } from './parts.repository.js';
import { PartsService } from './parts.service.js';

/** A tenant's parts and products over HTTP (issue 15, docs/parts.md). */
@Module({
  imports: [ImportsModule, ReferenceModule],
  controllers: [PartsController, ProductsController, AlternativesController],
  providers: [PartsRepository, PartsService, PartsImpactService, AlternativesService],
  exports: [PartsRepository, PartsService, PartsImpactService],
})
export class PartsModule {}
