import { Module } from '@nestjs/common';
import { SupplierDecisionsRepository } from './supplier-decisions.repository.js';
import { SupplierDecisionsService } from './supplier-decisions.service.js';

/** Buyers' confirm/reject decisions on possible supplier matches (no HTTP endpoint yet: it needs authentication). */
@Module({ providers: [SupplierDecisionsRepository, SupplierDecisionsService], exports: [SupplierDecisionsService] })
export class SupplierDecisionsModule {}
