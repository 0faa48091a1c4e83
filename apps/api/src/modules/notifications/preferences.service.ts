import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock.js';
import { FieldValidationException } from '../../common/validation.js';
import type { UpdatePreferencesDto } from './dto/preferences.dto.js';
import { NotificationsRepository } from './notifications.repository.js';
import { preferencesOfRecipient } from './notifications.service.js';
import type { EffectivePreferences, TenantDefaults } from './preferences.js';

/** A user's preferences as the API returns them: what they set themselves, and what applies. */
export interface PreferencesView {
  userId: string;
  email: string;
  timeZone: string;
  /** Own choices; null/absent fields inherit the tenant's defaults. */
  own: Record<string, unknown> | null;
  effective: EffectivePreferences;
}

/** Thrown when the user of a token or request no longer exists in that tenant (404). */
export class UnknownUserError extends Error {}

/** Reading and editing notification preferences (per user, with tenant defaults). Tenant-scoped throughout. */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly repo: NotificationsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * @returns the user's own and effective preferences.
   * @throws UnknownUserError when the user is not in the tenant.
   */
  async get(userId: string, tenantId: string): Promise<PreferencesView> {
    const user = await this.repo.preferencesOf(userId, tenantId);
    if (!user) throw new UnknownUserError(`no user ${userId} in tenant ${tenantId}`);
    const { userId: _u, tenantId: _t, updatedAt: _d, ...own } = user.notificationPref ?? ({} as Record<string, unknown>);
    return { userId, email: user.email, timeZone: user.timeZone, own: user.notificationPref ? own : null, effective: preferencesOfRecipient(user) };
  }

  /**
   * Updates the given fields of a user's own preferences (one upsert; nothing half-written).
   * @throws FieldValidationException (400) when quiet hours are given half or equal; UnknownUserError (404).
   */
  async update(userId: string, tenantId: string, dto: UpdatePreferencesDto): Promise<PreferencesView> {
    const current = await this.get(userId, tenantId);
    const start = dto.quietHoursStart !== undefined ? dto.quietHoursStart : (current.own?.quietHoursStart as string | null | undefined);
    const end = dto.quietHoursEnd !== undefined ? dto.quietHoursEnd : (current.own?.quietHoursEnd as string | null | undefined);
    if ((start == null) !== (end == null)) {
      throw new FieldValidationException([{ field: start == null ? 'quietHoursStart' : 'quietHoursEnd', messages: ['quiet hours need both quietHoursStart and quietHoursEnd'] }]);
    }
    if (start != null && start === end) throw new FieldValidationException([{ field: 'quietHoursEnd', messages: ['quietHoursEnd must differ from quietHoursStart'] }]);
    const { unsubscribed, timeZone, ...fields } = dto;
    const data: Record<string, unknown> = { ...fields };
    if (unsubscribed !== undefined) data.unsubscribedAt = unsubscribed ? this.clock.now() : null;
    await this.repo.updatePreferences(userId, tenantId, data, timeZone);
    return this.get(userId, tenantId);
  }

  /** RFC 8058 one-click unsubscribe: no more email to this user until they re-subscribe. Idempotent. */
  async unsubscribe(userId: string, tenantId: string): Promise<void> {
    await this.get(userId, tenantId);
    await this.repo.updatePreferences(userId, tenantId, { unsubscribedAt: this.clock.now() });
  }

  /** Replaces a tenant's defaults (for the tenant admin API once authentication lands). */
  setTenantDefaults(tenantId: string, defaults: TenantDefaults) {
    return this.repo.upsertTenantSettings(tenantId, defaults);
  }
}
