import { Module } from '@nestjs/common';
import { AccountController } from './account.controller.js';
import { UsersController } from './users.controller.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

/** Tenant users, invitations and password resets. */
@Module({
  controllers: [UsersController, AccountController],
  providers: [UsersRepository, UsersService],
  exports: [UsersService],
})
export class UsersModule {}
