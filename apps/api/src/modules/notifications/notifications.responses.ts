import { ApiProperty } from '@nestjs/swagger';
import {
  Bool,
  DELIVERY_STATUS_VALUES,
  DIGEST_FREQUENCY_VALUES,
  Enum,
  Instant,
  Int,
  NullableEnum,
  NullableInstant,
  NullableInt,
  NullableStr,
  NullableUuid,
  SEVERITY_VALUES,
  Str,
  Strs,
  Uuid,
} from '../../common/openapi/properties.js';

/** A user's own notification choices; null fields inherit the tenant's defaults. */
export class OwnPreferencesDto {
  @ApiProperty({ type: Boolean, nullable: true }) immediateEnabled!: boolean | null;
  @NullableEnum(SEVERITY_VALUES, 'Severity') immediateMinSeverity!: string | null;
  @NullableEnum(DIGEST_FREQUENCY_VALUES, 'DigestFrequency') digestFrequency!: string | null;
  @NullableStr({ example: '08:00' }) digestLocalTime!: string | null;
  @NullableInt({ description: 'ISO weekday, 1 = Monday' }) digestWeekday!: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'false: no quiet hours even if the tenant has some' })
  quietHoursEnabled!: boolean | null;
  @NullableStr({ example: '22:00' }) quietHoursStart!: string | null;
  @NullableStr({ example: '07:00' }) quietHoursEnd!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) criticalOverridesQuietHours!: boolean | null;
  @ApiProperty({ type: Boolean, nullable: true }) sendEmptyDigest!: boolean | null;
  @Strs() mutedElements!: string[];
  @Strs() mutedSupplierIds!: string[];
  @NullableInstant({ description: 'Set by one-click unsubscribe: no email at all until cleared' })
  unsubscribedAt!: string | null;
}

/** The immediate-email rule that applies. */
export class ImmediateRuleDto {
  @Bool() enabled!: boolean;
  @Enum(SEVERITY_VALUES, 'Severity') minSeverity!: string;
}

/** The digest schedule that applies. */
export class DigestScheduleDto {
  @Enum(['DAILY', 'WEEKLY'], 'DigestScheduleFrequency') frequency!: string;
  @Str({ example: '08:00' }) localTime!: string;
  @Int({ description: 'ISO weekday for WEEKLY (1 = Monday)' }) weekday!: number;
  @Str({ example: 'Europe/Berlin' }) timeZone!: string;
}

/** Quiet hours, local time (may wrap midnight). */
export class QuietHoursDto {
  @Str({ example: '22:00' }) start!: string;
  @Str({ example: '07:00' }) end!: string;
}

/** What applies to a user after merging built-in defaults, the tenant's defaults and the user's own choices. */
export class EffectivePreferencesDto {
  @Str({ example: 'Europe/Berlin' }) timeZone!: string;
  @Bool() unsubscribed!: boolean;
  @ApiProperty({ type: ImmediateRuleDto }) immediate!: ImmediateRuleDto;
  @ApiProperty({ type: DigestScheduleDto, nullable: true }) digest!: DigestScheduleDto | null;
  @Bool() sendEmptyDigest!: boolean;
  @ApiProperty({ type: QuietHoursDto, nullable: true }) quietHours!: QuietHoursDto | null;
  @Bool() criticalOverridesQuietHours!: boolean;
  @Strs() mutedElements!: string[];
  @Strs() mutedSupplierIds!: string[];
}

/** A user's notification preferences: their own choices and what applies. */
export class PreferencesDto {
  @Uuid() userId!: string;
  @Str() email!: string;
  @Str({ example: 'Europe/Berlin' }) timeZone!: string;
  @ApiProperty({ type: OwnPreferencesDto, nullable: true, description: 'null: the user never chose anything' })
  own!: OwnPreferencesDto | null;
  @ApiProperty({ type: EffectivePreferencesDto }) effective!: EffectivePreferencesDto;
}

/** A tenant's notification defaults. */
export class TenantNotificationDefaultsDto {
  @Uuid() tenantId!: string;
  @Bool() immediateEnabled!: boolean;
  @Enum(SEVERITY_VALUES, 'Severity') immediateMinSeverity!: string;
  @Enum(DIGEST_FREQUENCY_VALUES, 'DigestFrequency') digestFrequency!: string;
  @Str({ example: '08:00' }) digestLocalTime!: string;
  @Int({ description: 'ISO weekday, 1 = Monday' }) digestWeekday!: number;
  @NullableStr({ example: '22:00' }) quietHoursStart!: string | null;
  @NullableStr({ example: '07:00' }) quietHoursEnd!: string | null;
  @Bool() criticalOverridesQuietHours!: boolean;
  @Bool() sendEmptyDigest!: boolean;
  @Bool({ description: 'false: the tenant never set any; these are the built-in defaults' }) custom!: boolean;
  @NullableInstant({ description: 'null for built-in defaults' }) updatedAt!: string | null;
}

/** One outbox row (no payload). */
export class DeliveryDto {
  @Uuid() id!: string;
  @Str() recipient!: string;
  @Str({ example: 'alert' }) template!: string;
  @Enum(DELIVERY_STATUS_VALUES, 'DeliveryStatus') status!: string;
  @Int() attempts!: number;
  @NullableStr({ description: 'The SMTP reply of the last failure' }) lastError!: string | null;
  @Str() messageId!: string;
  @NullableStr() subject!: string | null;
  @NullableUuid() alertId!: string | null;
  @Instant() nextAttemptAt!: string;
  @NullableInstant() sentAt!: string | null;
  @Instant() createdAt!: string;
}

/** POST /v1/email/unsubscribe answer. */
export class UnsubscribedDto {
  @Bool({ enum: [true] }) unsubscribed!: true;
  @Str() email!: string;
}
