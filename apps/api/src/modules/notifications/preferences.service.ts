import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock.js';
import { FieldValidationException, type FieldError } from '../../common/validation.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { Tx } from '../../database/prisma.service.js';
import type { Principal } from '../auth/principal.js';
import { AuditService } from '../audit/audit.service.js';
import type { UpdatePreferencesDto, UpdateTenantNotificationSettingsDto } from './dto/preferences.dto.js';
import { NotificationsRepository } from './notifications.repository.js';
import { preferencesOfRecipient } from './notifications.service.js';
import { BUILT_IN_DEFAULTS, type EffectivePreferences, type TenantDefaults } from './preferences.js';
import { TransactionRunner } from '../../database/transaction-runner.js';

/** A user's preferences as the API returns them: what they set themselves, and what applies. */
export interface PreferencesView {
  userId: string;
  email: string;
  timeZone: string;
  /** Own choices; null/absent fields inherit the tenant's defaults. */
  own: Record<string, unknown> | null;
  effective: EffectivePreferences;
}

/** A tenant's notification defaults as the API returns them. */
export interface TenantDefaultsView extends TenantDefaults {
  tenantId: string;
  /** false: the tenant never set any, these are the built-in defaults. */
  custom: boolean;
  /** ISO-8601 UTC instant of the last change; null for built-in defaults. */
  updatedAt: string | null;
}

/** Thrown when the user of a token or request no longer exists in that tenant (404). */
export class UnknownUserError extends Error {}

/** Thrown when the tenant of a request does not exist (a platform admin's X-Tenant-Id; 404). */
export class UnknownTenantError extends Error {}

/** The quiet-hours rule of both layers: both ends or neither, and not equal. @throws FieldValidationException (400). */
function checkQuietHours(start: string | null | undefined, end: string | null | undefined): void {
  if ((start == null) !== (end == null)) {
    throw new FieldValidationException([
      {
        field: start == null ? 'quietHoursStart' : 'quietHoursEnd',
        messages: ['quiet hours need both quietHoursStart and quietHoursEnd'],
      },
    ]);
  }
  if (start != null && start === end)
    throw new FieldValidationException([
      { field: 'quietHoursEnd', messages: ['quietHoursEnd must differ from quietHoursStart'] },
    ]);
}

/** Reading and editing notification preferences (per user, with tenant defaults). Tenant-scoped throughout. */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repo: NotificationsRepository,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly reference: ReferenceService,
  ) {}

  /**
   * @returns the user's own and effective preferences.
   * @throws UnknownUserError when the user is not in the tenant.
   */
  async get(userId: string, tenantId: string): Promise<PreferencesView> {
    const user = await this.repo.preferencesOf(userId, tenantId);
    if (!user) throw new UnknownUserError(`no user ${userId} in tenant ${tenantId}`);
    const {
      userId: _u,
      tenantId: _t,
      updatedAt: _d,
      ...own
    } = user.notificationPref ?? ({} as Record<string, unknown>);
    return {
      userId,
      email: user.email,
      timeZone: user.timeZone,
      own: user.notificationPref ? own : null,
      effective: preferencesOfRecipient(user),
    };
  }

  /**
   * Updates the given fields of a user's own preferences (one upsert; nothing half-written).
   * @throws FieldValidationException (400) when quiet hours are given half or equal; UnknownUserError (404).
   */
  async update(userId: string, tenantId: string, dto: UpdatePreferencesDto): Promise<PreferencesView> {
    const current = await this.get(userId, tenantId);
    const start =
      dto.quietHoursStart !== undefined
        ? dto.quietHoursStart
        : (current.own?.quietHoursStart as string | null | undefined);
    const end =
      dto.quietHoursEnd !== undefined ? dto.quietHoursEnd : (current.own?.quietHoursEnd as string | null | undefined);
    checkQuietHours(start, end);
    await this.checkMutes(tenantId, dto);
    const { unsubscribed, timeZone, ...fields } = dto;
    const data: Record<string, unknown> = { ...fields };
    if (unsubscribed !== undefined) data.unsubscribedAt = unsubscribed ? this.clock.now() : null;
    await this.repo.updatePreferences(userId, tenantId, data, timeZone);
    return this.get(userId, tenantId);
  }

  /**
   * Mutes must name things that exist: element symbols of the reference data, and suppliers of this tenant (another
   * tenant's supplier id, or a made-up one, would be a mute that never applies).
   * @throws FieldValidationException naming `mutedElements[i]` / `mutedSupplierIds[i]`.
   */
  private async checkMutes(tenantId: string, dto: UpdatePreferencesDto): Promise<void> {
    const errors: FieldError[] = [];
    if (dto.mutedElements?.length) {
      const ref = await this.reference.index();
      dto.mutedElements.forEach((symbol, i) => {
        if (!ref.hasElement(symbol))
          errors.push({
            field: `mutedElements[${i}]`,
            messages: [`${symbol} is not an element of the reference data (GET /v1/elements)`],
          });
      });
    }
    if (dto.mutedSupplierIds?.length) {
      const own = await this.repo.supplierNames(tenantId);
      dto.mutedSupplierIds.forEach((id, i) => {
        if (!own.has(id))
          errors.push({ field: `mutedSupplierIds[${i}]`, messages: [`${id} is not a supplier of this tenant`] });
      });
    }
    if (errors.length) throw new FieldValidationException(errors);
  }

  /** RFC 8058 one-click unsubscribe: no more email to this user until they re-subscribe. Idempotent. */
  async unsubscribe(userId: string, tenantId: string): Promise<void> {
    await this.get(userId, tenantId);
    await this.repo.updatePreferences(userId, tenantId, { unsubscribedAt: this.clock.now() });
  }

  /**
   * A tenant's notification defaults: what its users get for every field they did not set themselves (stored
   * TenantNotificationSettings, else the built-in defaults with `custom: false`).
   * @throws UnknownTenantError when the tenant does not exist.
   */
  async tenantDefaults(tenantId: string): Promise<TenantDefaultsView> {
    return this.transactions.run((tx) => this.loadTenantDefaults(tx, tenantId), {
      label: 'PreferencesService.tenantDefaults',
    });
  }

  /**
   * Changes the given fields of a tenant's defaults (absent fields keep their value) and records the change in the
   * tenant's audit log (`notification-settings.update`, before and after), in one transaction. Users who set a field
   * themselves keep their choice; the others get the new default from the next decision on (e.g. the next digest slot).
   * @throws FieldValidationException (400) when quiet hours are given half or equal; UnknownTenantError (404).
   */
  async updateTenantDefaults(
    principal: Principal,
    tenantId: string,
    dto: UpdateTenantNotificationSettingsDto,
  ): Promise<TenantDefaultsView> {
    return this.transactions.run(
      async (tx) => {
        const before = await this.loadTenantDefaults(tx, tenantId);
        const { tenantId: _t, custom: _c, updatedAt: _u, ...current } = before;
        const next: TenantDefaults = { ...current, ...dto };
        checkQuietHours(next.quietHoursStart, next.quietHoursEnd);
        const saved = await this.repo.upsertTenantSettings(tx, tenantId, next);
        const after = toTenantView(tenantId, saved);
        await this.audit.record(
          tx,
          principal,
          'notification-settings.update',
          { type: 'tenant-notification-settings', id: tenantId, tenantId },
          { before: before.custom ? current : null, after: next },
        );
        return after;
      },
      { label: 'PreferencesService.updateTenantDefaults' },
    );
  }

  private async loadTenantDefaults(tx: Tx, tenantId: string): Promise<TenantDefaultsView> {
    const tenant = await this.repo.tenantWithSettings(tx, tenantId);
    if (!tenant) throw new UnknownTenantError(`no tenant ${tenantId}`);
    return toTenantView(tenantId, tenant.notificationSettings);
  }
}

/** The view of a stored settings row (or of the built-in defaults when there is none). */
function toTenantView(tenantId: string, row: (TenantDefaults & { updatedAt: Date }) | null): TenantDefaultsView {
  const d: TenantDefaults = row ?? BUILT_IN_DEFAULTS;
  return {
    tenantId,
    immediateEnabled: d.immediateEnabled,
    immediateMinSeverity: d.immediateMinSeverity,
    digestFrequency: d.digestFrequency,
    digestLocalTime: d.digestLocalTime,
    digestWeekday: d.digestWeekday,
    quietHoursStart: d.quietHoursStart,
    quietHoursEnd: d.quietHoursEnd,
    criticalOverridesQuietHours: d.criticalOverridesQuietHours,
    sendEmptyDigest: d.sendEmptyDigest,
    custom: row !== null,
    updatedAt: row ? row.updatedAt.toISOString() : null,
  };
}
