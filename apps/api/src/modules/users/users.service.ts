import {
  BadRequestException,
  ConflictException,
  GoneException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { InvitationTemplateProps, PasswordResetTemplateProps } from '@lodestone/email-templates';
import type { Role } from '@lodestone/shared-types';
import { isUniqueViolation } from '../../database/errors.js';
import type { Tx } from '../../database/prisma.service.js';
import { CLOCK, type Clock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig, MIN_PASSWORD_LENGTH } from '../../config/app-config.js';
import { DeliveryWorker } from '../../mail/delivery-worker.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthRepository } from '../auth/auth.repository.js';
import { AuthService, type TokenPair } from '../auth/auth.service.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import type { Principal } from '../auth/principal.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { uuidV7 } from './uuid.js';
import { UsersRepository } from './users.repository.js';
import { TransactionRunner } from '../../database/transaction-runner.js';

/** Tenant users: invitations, roles, deactivation; one-time links for invitations and password resets. */
@Injectable()
export class UsersService {
  private readonly messageIdDomain: string;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly auth: AuthService,
    private readonly accounts: AuthRepository,
    private readonly worker: DeliveryWorker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.messageIdDomain = /@([^>\s]+)>?$/.exec(config.mailFrom)?.[1] ?? 'lodestone.localhost';
  }

  list(tenantId: string) {
    return this.users.list(tenantId);
  }

  /**
   * Invites a person to a tenant: creates the user (no password yet) and queues an invitation email with a one-time
   * link valid for INVITATION_TTL_SECONDS.
   *
   * An address that already belongs to an account of another tenant (or to a platform admin) gets the same answer as a
   * fresh invitation, so that a tenant admin cannot learn which addresses use Lodestone elsewhere; but nothing is
   * created in this tenant, the other account is left as it is and receives no email, and the attempt is recorded in
   * the platform audit log (`user.invite.foreign-address`, no tenant; the holder's id as target) for platform admins.
   * An email address is one account: moving a person between tenants is a platform admin's decision.
   * @returns the user and the link's expiry (ISO-8601 UTC).
   * @throws NotFoundException when the tenant does not exist; ConflictException (409, field `email`) when the email
   *   is already a user of this tenant.
   */
  async invite(
    principal: Principal,
    tenantId: string,
    input: { email: string; name: string; role: Role },
    inviterName?: string,
  ) {
    const email = input.email.trim().toLowerCase();
    const holder = await this.users.findEmailHolder(null, email);
    if (holder && holder.tenantId !== tenantId) return this.foreignInvitation(principal, tenantId, input, holder.id);
    try {
      const { prepared: _tenant, ...invitation } = await this.inviteAfter(
        principal,
        async () => ({ id: tenantId }),
        input,
        inviterName,
      );
      return invitation;
    } catch (error) {
      // Another tenant took the address between the check and the insert: still do not tell.
      const raced = error instanceof ConflictException ? await this.users.findEmailHolder(null, email) : null;
      if (raced && raced.tenantId !== tenantId) return this.foreignInvitation(principal, tenantId, input, raced.id);
      throw error;
    }
  }

  /**
   * Re-sends the invitation of a user who has not accepted yet (typically because the link expired): earlier links
   * stop working, a new one valid for INVITATION_TTL_SECONDS is emailed, and `user.invite.resend` is audited.
   * @returns `{ user, invitationExpiresAt }` as {@link invite}.
   * @throws NotFoundException (404) for a user of another tenant or none; ConflictException (409, field `id`) when the
   *   user already accepted (has a password) or is deactivated.
   */
  async resendInvitation(principal: Principal, tenantId: string, id: string, inviterName?: string) {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.auth.invitationTtlSeconds * 1000);
    const token = newToken('link');
    inviterName ??= await this.inviterName(principal);
    const result = await this.transactions.run(
      async (tx) => {
        const found = await this.users.find(tx, tenantId, id);
        if (!found) throw new NotFoundException('User not found');
        const { passwordHash, ...user } = found;
        const conflict = (message: string) =>
          new ConflictException({
            statusCode: 409,
            error: 'Conflict',
            message,
            errors: [{ field: 'id', messages: [message] }],
          });
        if (passwordHash) throw conflict('user has already accepted the invitation');
        if (!user.active) throw conflict('user is deactivated; reactivate the user first');
        const tenant = await this.users.tenantName(tx, tenantId);
        if (!tenant) throw new NotFoundException('Tenant not found');
        const retired = await this.users.retireInvitationLinks(tx, user.id, now);
        await this.queueInvitation(tx, {
          user,
          tenantId,
          tenantName: tenant.name,
          inviterName: inviterName!,
          token,
          expiresAt,
        });
        await this.audit.record(
          tx,
          principal,
          'user.invite.resend',
          { type: 'user', id: user.id, tenantId },
          { after: { invitationExpiresAt: expiresAt.toISOString(), retiredLinks: retired } },
        );
        return user;
      },
      { label: 'UsersService.resendInvitation' },
    );
    this.kick();
    return { user: result, invitationExpiresAt: expiresAt.toISOString() };
  }

  /** The answer to an invitation of another tenant's address: shaped as a fresh one, nothing created (see invite). */
  private async foreignInvitation(
    principal: Principal,
    tenantId: string,
    input: { email: string; name: string; role: Role },
    holderId: string,
  ) {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.auth.invitationTtlSeconds * 1000);
    await this.audit.record(
      null,
      principal,
      'user.invite.foreign-address',
      { type: 'user', id: holderId, tenantId: null },
      { after: { invitingTenantId: tenantId, role: input.role } },
    );
    return {
      user: {
        id: uuidV7(now),
        tenantId,
        email: input.email.trim().toLowerCase(),
        name: input.name.trim(),
        role: input.role,
        timeZone: 'UTC',
        active: true,
        lastLoginAt: null,
        createdAt: now,
        updatedAt: now,
      },
      invitationExpiresAt: expiresAt.toISOString(),
    };
  }

  private async inviterName(principal: Principal): Promise<string> {
    return (
      (principal.userId ? (await this.accounts.findUserById(principal.userId))?.name : undefined) ??
      'Your administrator'
    );
  }

  /** Stores the link's hash and queues the invitation email (in `tx`). */
  private async queueInvitation(
    tx: Tx,
    input: {
      user: { id: string; name: string; email: string; role: Role };
      tenantId: string;
      tenantName: string;
      inviterName: string;
      token: string;
      expiresAt: Date;
    },
  ) {
    const { user, token, expiresAt } = input;
    await this.users.createLink(tx, { userId: user.id, purpose: 'INVITATION', tokenHash: hashToken(token), expiresAt });
    const payload: InvitationTemplateProps = {
      recipientName: user.name,
      tenantName: input.tenantName,
      inviterName: input.inviterName,
      role: user.role,
      acceptUrl: `${this.config.publicUrl}/accept-invitation?token=${token}`,
      expiresAt: expiresAt.toISOString(),
    };
    await this.users.enqueueEmail(tx, {
      tenantId: input.tenantId,
      userId: user.id,
      recipient: user.email,
      template: 'invitation',
      payload,
      messageIdDomain: this.messageIdDomain,
    });
  }

  /**
   * {@link invite}, in one transaction with `prepare`, which runs first and returns the tenant to invite into (e.g.
   * creates it): when the invitation fails, what `prepare` wrote is rolled back too.
   * @returns what `prepare` returned, the user and the link's expiry (ISO-8601 UTC).
   * @throws as {@link invite}, and whatever `prepare` throws.
   */
  async inviteAfter<T extends { id: string }>(
    principal: Principal,
    prepare: (tx: Tx) => Promise<T>,
    input: { email: string; name: string; role: Role },
    inviterName?: string,
  ) {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.auth.invitationTtlSeconds * 1000);
    const token = newToken('link');
    inviterName ??= await this.inviterName(principal);
    const result = await this.transactions
      .run(
        async (tx) => {
          const prepared = await prepare(tx);
          const tenantId = prepared.id;
          const tenant = await this.users.tenantName(tx, tenantId);
          if (!tenant) throw new NotFoundException('Tenant not found');
          const user = await this.users.create(tx, tenantId, {
            email: input.email.trim().toLowerCase(),
            name: input.name.trim(),
            role: input.role,
          });
          await this.queueInvitation(tx, {
            user,
            tenantId,
            tenantName: tenant.name,
            inviterName: inviterName ?? 'Your administrator',
            token,
            expiresAt,
          });
          await this.audit.record(
            tx,
            principal,
            'user.invite',
            { type: 'user', id: user.id, tenantId },
            { after: user },
          );
          return { prepared, user };
        },
        { label: 'UsersService.inviteAfter' },
      )
      .catch((error: unknown) => {
        if (isUniqueViolation(error))
          throw new ConflictException({
            statusCode: 409,
            error: 'Conflict',
            message: 'A user with this email already exists',
            errors: [{ field: 'email', messages: ['email is already in use'] }],
          });
        throw error;
      });
    this.kick();
    return { prepared: result.prepared, user: result.user, invitationExpiresAt: expiresAt.toISOString() };
  }

  /**
   * Changes a user's role, name or active flag. Deactivation revokes the user's sessions. A tenant keeps at least one
   * active tenant admin.
   * @throws NotFoundException (404) for a user of another tenant or none; BadRequestException (400, field `role` or
   *   `active`) when the change would leave the tenant without an active tenant admin.
   */
  async update(
    principal: Principal,
    tenantId: string,
    id: string,
    change: { role?: Role; active?: boolean; name?: string },
  ) {
    return this.transactions.run(
      async (tx) => {
        const before = await this.users.find(tx, tenantId, id);
        if (!before) throw new NotFoundException('User not found');
        const { passwordHash: _omit, ...beforePublic } = before;
        const losesAdmin =
          before.role === 'TENANT_ADMIN' &&
          before.active &&
          ((change.role && change.role !== 'TENANT_ADMIN') || change.active === false);
        if (losesAdmin && (await this.users.countActiveAdmins(tx, tenantId)) <= 1) {
          const field = change.role && change.role !== 'TENANT_ADMIN' ? 'role' : 'active';
          throw new BadRequestException({
            statusCode: 400,
            error: 'Bad Request',
            message: 'A tenant needs at least one active tenant admin',
            errors: [{ field, messages: ['would leave the tenant without an active tenant admin'] }],
          });
        }
        const after = await this.users.update(tx, tenantId, id, change);
        if (change.active === false) await this.users.revokeSessions(tx, id, this.clock.now());
        const action =
          change.active === false
            ? 'user.deactivate'
            : change.active === true
              ? 'user.activate'
              : change.role
                ? 'user.role'
                : 'user.update';
        await this.audit.record(tx, principal, action, { type: 'user', id, tenantId }, { before: beforePublic, after });
        return after;
      },
      { label: 'UsersService.update' },
    );
  }

  /**
   * Accepts an invitation: sets the password and signs in.
   * @throws GoneException (410) for an unknown, used or expired link; BadRequestException (field `password`).
   */
  async acceptInvitation(token: string, password: string): Promise<TokenPair> {
    const user = await this.consumeLink(token, 'INVITATION', password);
    return this.auth.openSession(user.id);
  }

  /**
   * Asks for a password reset. Always succeeds (202) so that it does not reveal which emails exist; an active user
   * of an active tenant gets an email with a one-time link valid for PASSWORD_RESET_TTL_SECONDS. Platform admins
   * (no tenant) reset with `npm run admin:create` of a new admin instead: there is no tenant outbox for them.
   */
  async requestPasswordReset(email: string): Promise<void> {
    const user = await this.users.findByEmailForReset(email.trim());
    if (!user?.active || !user.tenantId || user.tenant?.status !== 'ACTIVE') return;
    const tenantId = user.tenantId;
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.auth.passwordResetTtlSeconds * 1000);
    const token = newToken('link');
    await this.transactions.run(
      async (tx) => {
        await this.users.createLink(tx, {
          userId: user.id,
          purpose: 'PASSWORD_RESET',
          tokenHash: hashToken(token),
          expiresAt,
        });
        const payload: PasswordResetTemplateProps = {
          recipientName: user.name,
          tenantName: user.tenant!.name,
          resetUrl: `${this.config.publicUrl}/reset-password?token=${token}`,
          expiresAt: expiresAt.toISOString(),
        };
        await this.users.enqueueEmail(tx, {
          tenantId,
          userId: user.id,
          recipient: user.email,
          template: 'password-reset',
          payload,
          messageIdDomain: this.messageIdDomain,
        });
      },
      { label: 'UsersService.requestPasswordReset' },
    );
    this.kick();
  }

  /**
   * Sets a new password from a reset link and signs the user out everywhere.
   * @throws GoneException (410) for an unknown, used or expired link; BadRequestException (field `password`).
   */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    await this.consumeLink(token, 'PASSWORD_RESET', password);
  }

  private async consumeLink(token: string, purpose: 'INVITATION' | 'PASSWORD_RESET', password: string) {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed: password',
        errors: [{ field: 'password', messages: [`password must be at least ${MIN_PASSWORD_LENGTH} characters`] }],
      });
    }
    const now = this.clock.now();
    const link = await this.users.findLink(hashToken(token));
    const gone = new GoneException('This link is unknown, already used or expired');
    if (!link || link.purpose !== purpose || link.usedAt || link.expiresAt <= now) throw gone;
    if (!link.user.active || (link.user.tenant && link.user.tenant.status !== 'ACTIVE')) throw gone;
    const passwordHash = await this.hasher.hash(password);
    await this.transactions.run(
      async (tx) => {
        if (!(await this.users.useLink(tx, link.id, now))) throw gone;
        await this.users.setPassword(tx, link.user, passwordHash);
        await this.users.revokeSessions(tx, link.user.id, now);
      },
      { label: 'UsersService.consumeLink' },
    );
    return link.user;
  }

  private kick(): void {
    if (this.config.schedulesEnabled) this.worker.kick();
  }
}
