import { Global, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthRepository } from './auth.repository.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.js';
import { LoginThrottleRepository } from './login-throttle.repository.js';
import { Argon2PasswordHasher, PasswordHasher } from './password-hasher.js';

/**
 * Authentication and roles: the global {@link AuthGuard}, sign-in, sessions, and the first platform admin from
 * ADMIN_EMAIL / ADMIN_PASSWORD at start-up.
 */
@Global()
@Module({
  controllers: [AuthController],
  providers: [
    AuthRepository,
    AuthService,
    LoginThrottle,
    LoginThrottleRepository,
    { provide: PasswordHasher, useClass: Argon2PasswordHasher },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, AuthRepository, PasswordHasher],
})
export class AuthModule implements OnApplicationBootstrap {
  constructor(private readonly auth: AuthService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.auth.ensureFirstAdmin();
  }
}
