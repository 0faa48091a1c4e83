import { Injectable } from '@nestjs/common';
import type { Role } from '@lodestone/shared-types';
import { PrismaService } from '../../database/prisma.service.js';
import { TransactionRunner } from '../../database/transaction-runner.js';
import { crossTenant } from '../../database/tenant-scope.js';

/** What the guard needs to know about the owner of a credential. */
const userForAuth = {
  id: true,
  tenantId: true,
  email: true,
  name: true,
  role: true,
  active: true,
  passwordHash: true,
  tenant: { select: { status: true } },
} as const;

/**
 * Sessions, credentials and the lookups sign-in needs. Finding a user by email or by a token's hash happens before
 * the tenant is known, so those lookups are cross-tenant by design (each says why).
 */
@Injectable()
export class AuthRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly transactions: TransactionRunner,
  ) {}

  findUserByEmail(email: string) {
    return crossTenant('sign-in: find the account by email before the tenant is known', () =>
      this.prisma.db.user.findFirst({ where: { email: email.toLowerCase() }, select: userForAuth }),
    );
  }

  /** The tenant with this id, or null (tenants are not tenant-owned data: no scope needed). */
  findTenant(id: string) {
    return this.prisma.db.tenant.findUnique({ where: { id }, select: { id: true } });
  }

  findUserById(id: string) {
    return crossTenant('sign-in: load the account behind a session', () =>
      this.prisma.db.user.findFirst({ where: { id }, select: userForAuth }),
    );
  }

  /** Records a successful login: resets the failure count and lock. */
  loginSucceeded(userId: string, at: Date) {
    return crossTenant('sign-in bookkeeping', () =>
      this.prisma.db.user.updateMany({
        where: { id: userId },
        data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: at },
      }),
    );
  }

  createSession(data: {
    userId: string;
    accessTokenHash: string;
    accessExpiresAt: Date;
    refreshTokenHash: string;
    refreshExpiresAt: Date;
  }) {
    return this.prisma.db.session.create({ data });
  }

  findSessionByAccessHash(accessTokenHash: string) {
    return this.prisma.db.session.findUnique({ where: { accessTokenHash } });
  }

  findSessionByRefreshHash(refreshTokenHash: string) {
    return this.prisma.db.session.findUnique({ where: { refreshTokenHash } });
  }

  /**
   * Rotates a session's tokens if its refresh token is still `oldRefreshHash` and it is not revoked, records the refresh
   * as its last use and the old hash as retired (one transaction; of two concurrent refreshes with the same token, one
   * wins).
   * @returns whether the rotation happened.
   */
  async rotateSession(
    id: string,
    oldRefreshHash: string,
    next: {
      accessTokenHash: string;
      accessExpiresAt: Date;
      refreshTokenHash: string;
      refreshExpiresAt: Date;
      lastUsedAt: Date;
    },
    at: Date,
  ): Promise<boolean> {
    return this.transactions.run(
      async (tx) => {
        const { count } = await tx.session.updateMany({
          where: { id, refreshTokenHash: oldRefreshHash, revokedAt: null },
          data: next,
        });
        if (count !== 1) return false;
        await tx.retiredRefreshToken.create({ data: { tokenHash: oldRefreshHash, sessionId: id, retiredAt: at } });
        return true;
      },
      { label: 'AuthRepository.rotateSession' },
    );
  }

  /** A refresh token replaced by an earlier rotation, with the session (token family) it belonged to, or null. */
  findRetiredRefreshToken(tokenHash: string) {
    return this.prisma.db.retiredRefreshToken.findUnique({ where: { tokenHash }, select: { sessionId: true } });
  }

  /** Records that a session was used (`Session.lastUsedAt`); unlike a rotation it changes no token. */
  touchSession(id: string, at: Date) {
    return this.prisma.db.session.updateMany({ where: { id }, data: { lastUsedAt: at } });
  }

  revokeSession(id: string, at: Date) {
    return this.prisma.db.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
  }

  /** An API token by hash, with its tenant's status. Cross-tenant: the tenant is what the token tells us. */
  findApiTokenByHash(tokenHash: string) {
    return crossTenant('authenticate an API token before its tenant is known', () =>
      this.prisma.db.apiToken.findFirst({ where: { tokenHash }, include: { tenant: { select: { status: true } } } }),
    );
  }

  touchApiToken(tenantId: string, id: string, at: Date) {
    return this.prisma.db.apiToken.updateMany({ where: { tenantId, id }, data: { lastUsedAt: at } });
  }

  countPlatformAdmins() {
    return crossTenant('platform admins have no tenant', () =>
      this.prisma.db.user.count({ where: { role: 'PLATFORM_ADMIN' } }),
    );
  }

  /** Creates a platform admin (no tenant). @throws Prisma P2002 when the email is taken. */
  createPlatformAdmin(data: { email: string; name: string; passwordHash: string }) {
    return crossTenant('platform admins have no tenant', () =>
      this.prisma.db.user.create({
        data: {
          email: data.email.toLowerCase(),
          name: data.name,
          passwordHash: data.passwordHash,
          role: 'PLATFORM_ADMIN' as Role,
          tenantId: null,
        },
        select: { id: true, email: true, name: true, role: true },
      }),
    );
  }
}
