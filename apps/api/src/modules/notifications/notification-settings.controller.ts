import { Body, Controller, Get, NotFoundException, Patch } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/errors.js';
import { CurrentPrincipal, Roles, TenantId } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { UpdatePreferencesDto, UpdateTenantNotificationSettingsDto } from './dto/preferences.dto.js';
import { PreferencesDto, TenantNotificationDefaultsDto } from './notifications.responses.js';
import {
  PreferencesService,
  UnknownTenantError,
  UnknownUserError,
  type PreferencesView,
  type TenantDefaultsView,
} from './preferences.service.js';

/**
 * Signed-in notification settings: a user's own preferences and the tenant's defaults (tenant admins); see
 * docs/api.md. The tenant's outbox is GET /v1/deliveries (modules/deliveries).
 */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1')
export class NotificationSettingsController {
  constructor(private readonly prefs: PreferencesService) {}

  /** GET /v1/me/notification-preferences: `{ userId, email, timeZone, own, effective }` of the signed-in user; 404 for principals without a user in a tenant (API tokens, platform admins). */
  @Get('me/notification-preferences')
  @ApiOperation({ summary: 'My notification preferences: my own choices and what applies' })
  @ApiOkResponse({ type: PreferencesDto })
  @ApiErrors({ status: 404, description: 'The caller is not a user of a tenant (API tokens, platform admins)' })
  async mine(@CurrentPrincipal() principal: Principal): Promise<PreferencesView> {
    const { userId, tenantId } = this.own(principal);
    return this.handle(() => this.prefs.get(userId, tenantId));
  }

  /** PATCH /v1/me/notification-preferences with {@link UpdatePreferencesDto}: 200 with the new view; 400 naming each bad field. */
  @Patch('me/notification-preferences')
  @ApiOperation({ summary: 'Change my notification preferences' })
  @ApiOkResponse({ type: PreferencesDto })
  @ApiErrors({ status: 404, description: 'The caller is not a user of a tenant (API tokens, platform admins)' })
  async updateMine(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: UpdatePreferencesDto,
  ): Promise<PreferencesView> {
    const { userId, tenantId } = this.own(principal);
    return this.handle(() => this.prefs.update(userId, tenantId, dto));
  }

  /**
   * GET /v1/tenant/notification-settings: the tenant's notification defaults, `{ tenantId, immediateEnabled,
   * immediateMinSeverity, digestFrequency, digestLocalTime ("HH:MM"), digestWeekday (1 = Monday), quietHoursStart,
   * quietHoursEnd ("HH:MM" or null), criticalOverridesQuietHours, sendEmptyDigest, custom (false: built-in defaults),
   * updatedAt (ISO-8601 UTC or null) }`. TENANT_ADMIN (platform admins with X-Tenant-Id; 404 for an unknown tenant).
   */
  @Get('tenant/notification-settings')
  @Roles('TENANT_ADMIN')
  @ApiOperation({ summary: "The tenant's notification defaults (what users get unless they chose otherwise)" })
  @ApiOkResponse({ type: TenantNotificationDefaultsDto })
  @ApiForbiddenResponse({ description: 'not a tenant admin' })
  tenantDefaults(@TenantId() tenantId: string): Promise<TenantDefaultsView> {
    return this.handle(() => this.prefs.tenantDefaults(tenantId));
  }

  /**
   * PATCH /v1/tenant/notification-settings with {@link UpdateTenantNotificationSettingsDto}: changes the given
   * defaults, records the change in the audit log (`notification-settings.update`, before and after) and returns the
   * new view. Users keep the fields they set themselves. 400 naming each bad field (nothing written); 403 for roles
   * other than TENANT_ADMIN.
   */
  @Patch('tenant/notification-settings')
  @Roles('TENANT_ADMIN')
  @ApiOperation({ summary: "Change the tenant's notification defaults" })
  @ApiOkResponse({ type: TenantNotificationDefaultsDto, description: 'the new defaults, as GET' })
  @ApiBadRequestResponse({ description: '{ errors: [{ field, messages }] } naming each bad field' })
  @ApiForbiddenResponse({ description: 'not a tenant admin' })
  @ApiNotFoundResponse({ description: 'unknown tenant (platform admins: X-Tenant-Id)' })
  updateTenantDefaults(
    @CurrentPrincipal() principal: Principal,
    @TenantId() tenantId: string,
    @Body() dto: UpdateTenantNotificationSettingsDto,
  ): Promise<TenantDefaultsView> {
    return this.handle(() => this.prefs.updateTenantDefaults(principal, tenantId, dto));
  }

  private own(principal: Principal): { userId: string; tenantId: string } {
    if (!principal.userId || !principal.tenantId)
      throw new NotFoundException('notification preferences belong to users of a tenant');
    return { userId: principal.userId, tenantId: principal.tenantId };
  }

  private async handle<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof UnknownUserError) throw new NotFoundException('user not found');
      if (error instanceof UnknownTenantError) throw new NotFoundException('tenant not found');
      throw error;
    }
  }
}
