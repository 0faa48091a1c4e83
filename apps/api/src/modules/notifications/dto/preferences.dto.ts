import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { OmittedOrValid } from '../../../common/dto.js';
import { SEVERITY_ORDER } from '@lodestone/shared-types';
import { isValidTimeZone } from '../schedule.js';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

@ValidatorConstraint({ name: 'ianaTimeZone' })
class IanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isValidTimeZone(value);
  }
  defaultMessage(): string {
    return 'timeZone must be an IANA time zone such as Europe/Berlin or Asia/Shanghai';
  }
}

/**
 * Quiet hours, shared by a user's preferences and a tenant's defaults: local "HH:MM" in the user's zone (may wrap
 * midnight), both or neither; `null` clears them (a user then inherits the tenant's, a tenant has none).
 */
class QuietHoursFields {
  @ApiPropertyOptional({ type: String, nullable: true, example: '22:00', description: 'Start of quiet hours, HH:MM' })
  @IsOptional()
  @Matches(HHMM, { message: 'quietHoursStart must be HH:MM (00:00-23:59)' })
  quietHoursStart?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '07:00', description: 'End of quiet hours, HH:MM' })
  @IsOptional()
  @Matches(HHMM, { message: 'quietHoursEnd must be HH:MM (00:00-23:59)' })
  quietHoursEnd?: string | null;
}

/**
 * A user's own notification preferences; every field optional. `null` clears a field (inherit the tenant default).
 * Times are local wall-clock "HH:MM" in `timeZone` (IANA).
 */
export class UpdatePreferencesDto extends QuietHoursFields {
  @ApiPropertyOptional({ description: 'IANA time zone of digests and quiet hours, e.g. "America/New_York"' })
  @IsOptional()
  @Validate(IanaTimeZone)
  timeZone?: string;

  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'Immediate email per alert on/off' })
  @IsOptional()
  @IsBoolean()
  immediateEnabled?: boolean | null;

  @ApiPropertyOptional({
    nullable: true,
    enum: SEVERITY_ORDER,
    description: 'Immediate email for alerts at or above this severity',
  })
  @IsOptional()
  @IsIn(SEVERITY_ORDER as unknown as string[])
  immediateMinSeverity?: (typeof SEVERITY_ORDER)[number] | null;

  @ApiPropertyOptional({ nullable: true, enum: ['NONE', 'DAILY', 'WEEKLY'] })
  @IsOptional()
  @IsIn(['NONE', 'DAILY', 'WEEKLY'])
  digestFrequency?: 'NONE' | 'DAILY' | 'WEEKLY' | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '08:00',
    description: 'Local time of the digest, HH:MM',
  })
  @IsOptional()
  @Matches(HHMM, { message: 'digestLocalTime must be HH:MM (00:00-23:59)' })
  digestLocalTime?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: 7,
    description: 'Weekly digest day, ISO weekday (1 = Monday)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  digestWeekday?: number | null;

  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    description: 'false: no quiet hours even if the tenant sets some',
  })
  @IsOptional()
  @IsBoolean()
  quietHoursEnabled?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'CRITICAL alerts are sent during quiet hours' })
  @IsOptional()
  @IsBoolean()
  criticalOverridesQuietHours?: boolean | null;

  @ApiPropertyOptional({ type: Boolean, nullable: true, description: "Send 'nothing new' digests" })
  @IsOptional()
  @IsBoolean()
  sendEmptyDigest?: boolean | null;

  @ApiPropertyOptional({ type: [String], example: ['Ga'], description: 'Element symbols to mute' })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Matches(/^[A-Z][a-z]?$/, { each: true, message: 'mutedElements must hold element symbols such as Dy' })
  mutedElements?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Supplier ids (of your tenant) to mute' })
  @IsOptional()
  @ArrayMaxSize(500)
  @Matches(/^[0-9a-f-]{36}$/i, { each: true, message: 'mutedSupplierIds must hold supplier ids (UUID)' })
  mutedSupplierIds?: string[];

  @ApiPropertyOptional({ description: 'false re-subscribes after a one-click unsubscribe' })
  @IsOptional()
  @IsBoolean()
  unsubscribed?: boolean;
}

/**
 * PATCH body of a tenant's notification defaults (TENANT_ADMIN): what every buyer of the tenant gets unless they
 * chose otherwise. Every field optional (unchanged when absent); only the quiet hours may be `null` (none). Times
 * are local wall-clock "HH:MM" in each user's own IANA zone (`User.timeZone`): a tenant has no zone of its own.
 */
export class UpdateTenantNotificationSettingsDto extends QuietHoursFields {
  @ApiPropertyOptional({ description: 'Immediate email per alert on/off' })
  @OmittedOrValid()
  @IsBoolean()
  immediateEnabled?: boolean;

  @ApiPropertyOptional({ enum: SEVERITY_ORDER, description: 'Immediate email for alerts at or above this severity' })
  @OmittedOrValid()
  @IsIn(SEVERITY_ORDER as unknown as string[])
  immediateMinSeverity?: (typeof SEVERITY_ORDER)[number];

  @ApiPropertyOptional({ enum: ['NONE', 'DAILY', 'WEEKLY'] })
  @OmittedOrValid()
  @IsIn(['NONE', 'DAILY', 'WEEKLY'])
  digestFrequency?: 'NONE' | 'DAILY' | 'WEEKLY';

  @ApiPropertyOptional({ example: '08:00', description: "Local time of the digest in each user's zone, HH:MM" })
  @OmittedOrValid()
  @Matches(HHMM, { message: 'digestLocalTime must be HH:MM (00:00-23:59)' })
  digestLocalTime?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 7, description: 'Weekly digest day, ISO weekday (1 = Monday)' })
  @OmittedOrValid()
  @IsInt()
  @Min(1)
  @Max(7)
  digestWeekday?: number;

  @ApiPropertyOptional({ description: 'CRITICAL alerts are sent during quiet hours' })
  @OmittedOrValid()
  @IsBoolean()
  criticalOverridesQuietHours?: boolean;

  @ApiPropertyOptional({ description: "Send 'nothing new' digests" })
  @OmittedOrValid()
  @IsBoolean()
  sendEmptyDigest?: boolean;
}
