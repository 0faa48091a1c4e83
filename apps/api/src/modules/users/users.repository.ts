import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Role } from '@lodestone/shared-types';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { emailRow } from '../../outbox/email-row.js';
import { EmailQueueWriter } from '../../mail/email-queue.js';

/** The public shape of a user (no credentials). */
export const publicUser = {
  id: true,
  tenantId: true,
  email: true,
  name: true,
  role: true,
  timeZone: true,
  active: true,
  lastLoginAt: true,
  createdAt: true,
  updatedAt: true,
  passwordHash: false,
} as const;

/** Users of a tenant, their one-time links, and the account emails. Every user query names the tenant. */
@Injectable()
export class UsersRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly emailQueue: EmailQueueWriter,
  ) {}

  list(tenantId: string) {
    return this.prisma.db.user.findMany({ where: { tenantId }, select: publicUser, orderBy: { email: 'asc' } });
  }

  find(tx: Tx | null, tenantId: string, id: string) {
    return (tx ?? this.prisma.db).user.findFirst({
      where: { tenantId, id },
      select: { ...publicUser, passwordHash: true },
    });
  }

  tenantName(tx: Tx | null, tenantId: string) {
    return (tx ?? this.prisma.db).tenant.findUnique({ where: { id: tenantId }, select: { name: true, status: true } });
  }

  create(tx: Tx, tenantId: string, data: { email: string; name: string; role: Role }) {
    return tx.user.create({ data: { ...data, tenantId }, select: publicUser });
  }

  update(tx: Tx | null, tenantId: string, id: string, data: { role?: Role; active?: boolean; name?: string }) {
    return (tx ?? this.prisma.db).user.update({ where: { id, tenantId }, data, select: publicUser });
  }

  /** Tenant admins of a tenant that are active (to keep at least one). */
  countActiveAdmins(tx: Tx | null, tenantId: string) {
    return (tx ?? this.prisma.db).user.count({ where: { tenantId, role: 'TENANT_ADMIN', active: true } });
  }

  createLink(
    tx: Tx,
    data: { userId: string; purpose: 'INVITATION' | 'PASSWORD_RESET'; tokenHash: string; expiresAt: Date },
  ) {
    return tx.userToken.create({ data });
  }

  /** A one-time link with its user (tenant included: the link is what tells us the tenant). */
  findLink(tokenHash: string) {
    return this.prisma.db.userToken.findUnique({
      where: { tokenHash },
      include: {
        user: {
          select: {
            id: true,
            tenantId: true,
            active: true,
            email: true,
            name: true,
            role: true,
            tenant: { select: { status: true, name: true } },
          },
        },
      },
    });
  }

  /** Marks a link used if it was not yet (atomic). @returns whether this call used it. */
  async useLink(tx: Tx, id: string, at: Date): Promise<boolean> {
    const { count } = await tx.userToken.updateMany({ where: { id, usedAt: null }, data: { usedAt: at } });
    return count === 1;
  }

  /** Sets a user's password (and clears any lock). Platform admins have no tenant: that write is cross-tenant. */
  setPassword(tx: Tx, user: { id: string; tenantId: string | null }, passwordHash: string) {
    const data = { passwordHash, failedLoginCount: 0, lockedUntil: null };
    if (user.tenantId) return tx.user.update({ where: { id: user.id, tenantId: user.tenantId }, data });
    return crossTenant('platform admins have no tenant', () => tx.user.update({ where: { id: user.id }, data }));
  }

  /** Revokes a user's sessions (deactivation, password change). */
  revokeSessions(tx: Tx | null, userId: string, at: Date) {
    return (tx ?? this.prisma.db).session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } });
  }

  /**
   * Who holds an email address, in any tenant (or none: a platform admin). Invitations use it to tell "already in
   * this tenant" (409) from "another tenant's" (answered like a fresh invitation, see UsersService.invite).
   */
  findEmailHolder(tx: Tx | null, email: string) {
    return crossTenant('invitation: is the address already an account, in any tenant', () =>
      (tx ?? this.prisma.db).user.findFirst({
        where: { email: email.toLowerCase() },
        select: { id: true, tenantId: true },
      }),
    );
  }

  /** Ends every unused invitation link of a user (a re-sent invitation replaces them). @returns how many. */
  async retireInvitationLinks(tx: Tx, userId: string, at: Date): Promise<number> {
    const { count } = await tx.userToken.updateMany({
      where: { userId, purpose: 'INVITATION', usedAt: null },
      data: { usedAt: at },
    });
    return count;
  }

  /** A user of any tenant by email, for password reset (the tenant is not known yet). */
  findByEmailForReset(email: string) {
    return crossTenant('password reset: find the account by email before the tenant is known', () =>
      this.prisma.db.user.findFirst({
        where: { email: email.toLowerCase() },
        select: {
          id: true,
          tenantId: true,
          name: true,
          email: true,
          active: true,
          tenant: { select: { name: true, status: true } },
        },
      }),
    );
  }

  /**
   * Queues an account email (invitation, password reset) in the outbox of the user's tenant, in `tx`; with
   * DELIVERY_QUEUE=pgboss with its `deliver-email` job. @returns the row.
   */
  async enqueueEmail(
    tx: Tx,
    row: {
      tenantId: string;
      userId: string;
      recipient: string;
      template: 'invitation' | 'password-reset';
      payload: object;
      messageIdDomain: string;
    },
  ) {
    const written = await tx.emailDelivery.create({
      data: emailRow({
        tenantId: row.tenantId,
        userId: row.userId,
        recipient: row.recipient,
        template: row.template,
        payload: row.payload as never,
        messageId: `<${randomUUID()}@${row.messageIdDomain}>`,
        dedupeKey: `${row.template}:${randomUUID()}`,
      }),
    });
    await this.emailQueue.enqueue(tx, [written]);
    return written;
  }
}
