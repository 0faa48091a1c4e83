import { Module } from '@nestjs/common';
import { ExposureModule } from '../exposure/exposure.module.js';
import { SupplierDecisionsController } from './supplier-decisions.controller.js';
import { SupplierDecisionsRepository } from './supplier-decisions.repository.js';
import { SupplierDecisionsService } from './supplier-decisions.service.js';

/** Buyers' confirm/reject decisions on possible supplier matches: POST/GET /v1/supplier-name-decisions. */
@Module({
  imports: [ExposureModule],
  controllers: [SupplierDecisionsController],
  providers: [SupplierDecisionsRepository, SupplierDecisionsService],
  exports: [SupplierDecisionsService],
})
export class SupplierDecisionsModule {}
