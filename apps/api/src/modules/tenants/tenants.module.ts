import { Module } from '@nestjs/common';
import { ExposureModule } from '../exposure/exposure.module.js';
import { UsersModule } from '../users/users.module.js';
import { TenantsController } from './tenants.controller.js';
import { TenantsRepository } from './tenants.repository.js';
import { TenantsService } from './tenants.service.js';

@Module({
  imports: [UsersModule, ExposureModule],
  controllers: [TenantsController],
  providers: [TenantsRepository, TenantsService],
  exports: [TenantsRepository, TenantsService],
})
export class TenantsModule {}
