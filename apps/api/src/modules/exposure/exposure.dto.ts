import { PartsImpactDto, PartsImpactSummaryDto } from '../parts/parts.responses.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const STATUSES = [
  'IN_FORCE',
  'SUSPENDED',
  'LAPSED',
  'LIFTED',
  'PROPOSED',
  'NEWS_ONLY',
  'LICENCE_VALID',
  'LICENCE_EXPIRED',
  'LICENCE_PENDING',
  'LICENCE_REFUSED',
];
const SEVERITIES = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** A reason, as on alerts (MatchReason in @lodestone/shared-types). */
export class ExposureReasonDto {
  @ApiProperty({ example: 'ELEMENT_VIA_CONTROL_ENTRY' }) via!: string;
  @ApiProperty({ example: { type: 'WATCH', watchId: '0193…', label: 'dysprosium (Dy)' } }) subject!: object;
  @ApiProperty({ example: { field: 'controlEntries', value: '1C902' } }) matched!: object;
  @ApiProperty({ example: 'Your watch on dysprosium (Dy) matched control-list entry 1C902 …' }) text!: string;
  @ApiPropertyOptional({ example: 'Dy' }) element?: string;
  @ApiPropertyOptional({ description: 'set when the reason rests on the free text: { field, start, end, text }' })
  fromText?: object;
}

export class ImpactSummaryDto {
  @ApiProperty({ enum: ['POTENTIAL', 'CONFIRMED', 'NO_IMPACT', 'RESOLVED'] }) status!: string;
  @ApiProperty({ nullable: true, type: Number }) expectedDurationDays!: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) ownerId!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ description: 'ISO-8601 UTC' }) updatedAt!: string;
}

export class ExposureCountsDto {
  @ApiProperty() measures!: number;
  @ApiProperty() inForce!: number;
  @ApiProperty() suspended!: number;
  @ApiProperty() newsOnly!: number;
  @ApiProperty() licences!: number;
  @ApiProperty() licencesValid!: number;
  @ApiProperty({ description: 'hits on entries still on their list' }) screeningHits!: number;
  @ApiProperty() alerts!: number;
}

export class ExposureTotalsDto extends ExposureCountsDto {
  @ApiProperty() watches!: number;
  @ApiProperty() suppliers!: number;
}

export class ExposureItemDto {
  @ApiProperty({ format: 'uuid' }) alertId!: string;
  @ApiProperty({ example: '2026-12-01T08:30:00.000Z', description: 'ISO-8601 UTC instant the alert was raised' })
  alertedAt!: string;
  @ApiProperty({ enum: ['EVENT', 'BACKFILL'], description: 'BACKFILL: found when the watch/supplier/tenant was added' })
  origin!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: string;
  @ApiProperty({ enum: ['POLICY_CHANGE', 'PERMIT_EVENT'] }) eventType!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String, example: 'MOFCOM/GAC Announcement 2025 No. 18' }) reference!:
    | string
    | null;
  @ApiProperty({ nullable: true, type: String }) sourceUrl!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'MOFCOM-GAC-2025-18' }) measureKey!: string | null;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-11-10', description: 'YYYY-MM-DD' }) until!:
    | string
    | null;
  @ApiProperty({ example: 'Suspended until 2026-11-10' }) statusLabel!: string;
  @ApiProperty({ type: [ExposureReasonDto] }) reasons!: ExposureReasonDto[];
  @ApiProperty({
    nullable: true,
    type: Boolean,
    description: 'applies to us (true), does not (false), not said (null)',
  })
  applies!: boolean | null;
  @ApiProperty({ nullable: true, type: String }) appliesReason!: string | null;
  @ApiProperty({ type: ImpactSummaryDto, nullable: true, description: "the tenant's impact assessment of the measure" })
  impact!: ImpactSummaryDto | null;
}

export class LicenceItemDto extends ExposureItemDto {
  @ApiProperty({ enum: ['APPLIED', 'GRANTED', 'DENIED', 'EXPIRING', 'REVOKED'] }) permitStatus!: string;
  @ApiProperty({ nullable: true, type: String }) exporterName!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'YYYY-MM-DD' }) validFrom!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'YYYY-MM-DD' }) validTo!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'days from today (UTC) to validTo; negative when past' })
  daysToExpiry!: number | null;
}

export class ScreeningItemDto {
  @ApiProperty({ format: 'uuid' }) alertId!: string;
  @ApiProperty({ example: '2026-12-01T08:30:00.000Z', description: 'ISO-8601 UTC instant the alert was raised' })
  alertedAt!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: string;
  @ApiProperty({ format: 'uuid' }) entryId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'Entity List (EL) - Bureau of Industry and Security' }) listName!: string;
  @ApiProperty({ nullable: true, type: String, example: 'EL' }) listCode!: string | null;
  @ApiProperty({ description: 'true when a later import no longer lists the entry' }) removed!: boolean;
  @ApiProperty({ nullable: true, type: String }) sourceListUrl!: string | null;
  @ApiProperty({ type: [ExposureReasonDto] }) reasons!: ExposureReasonDto[];
}

export class WatchExposureDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['ELEMENT', 'HS_CODE', 'CONTROL_ENTRY'] }) kind!: string;
  @ApiProperty({ example: 'dysprosium (Dy)' }) label!: string;
  @ApiProperty({ nullable: true, type: String }) elementSymbol!: string | null;
  @ApiProperty({ nullable: true, type: String }) hsPrefix!: string | null;
  @ApiProperty({ nullable: true, type: String }) controlEntry!: string | null;
  @ApiProperty({ nullable: true, type: String }) jurisdiction!: string | null;
  @ApiProperty({ type: [ExposureItemDto] }) items!: ExposureItemDto[];
}

export class SupplierExposureDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() legalNameEn!: string;
  @ApiProperty({ nullable: true, type: String }) legalNameZh!: string | null;
  @ApiProperty({ nullable: true, type: String }) country!: string | null;
  @ApiProperty({ type: [ExposureItemDto], description: 'policy changes naming the supplier' })
  measures!: ExposureItemDto[];
  @ApiProperty({ type: [LicenceItemDto] }) licences!: LicenceItemDto[];
  @ApiProperty({ type: [ScreeningItemDto] }) screeningHits!: ScreeningItemDto[];
}

export class ElementGroupDto {
  @ApiProperty({ example: 'Dy' }) symbol!: string;
  @ApiProperty({ nullable: true, type: String, example: 'dysprosium (Dy)' }) name!: string | null;
  @ApiProperty({ type: [String] }) watchIds!: string[];
  @ApiProperty({ type: [String] }) supplierIds!: string[];
  @ApiProperty({ type: [String] }) measureKeys!: string[];
  @ApiProperty({ type: [String] }) alertIds!: string[];
  @ApiProperty({ type: ExposureCountsDto }) counts!: ExposureCountsDto;
}

export class SupplierGroupDto {
  @ApiProperty({ format: 'uuid' }) supplierId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) elements!: string[];
  @ApiProperty({ type: [String] }) alertIds!: string[];
  @ApiProperty({ type: ExposureCountsDto }) counts!: ExposureCountsDto;
}

export class MeasureGroupDto {
  @ApiProperty({ example: 'MOFCOM-GAC-2025-18' }) key!: string;
  @ApiProperty({ example: 'MOFCOM/GAC Announcement 2025 No. 18' }) label!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ description: 'false: known only from events suspending or citing it' }) known!: boolean;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String, description: 'YYYY-MM-DD' }) until!: string | null;
  @ApiProperty() statusLabel!: string;
  @ApiProperty({ type: [String] }) elements!: string[];
  @ApiProperty({ type: [String] }) watchIds!: string[];
  @ApiProperty({ type: [String] }) supplierIds!: string[];
  @ApiProperty({ type: [String] }) alertIds!: string[];
  @ApiProperty({ type: ImpactSummaryDto, nullable: true, description: "the tenant's impact assessment" })
  impact!: ImpactSummaryDto | null;
}

/** GET /v1/exposure. */
export class ExposureViewDto {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ example: '2026-12-04T09:00:00.000Z', description: 'ISO-8601 UTC instant it was computed' })
  asOf!: string;
  @ApiProperty({ example: '2026-12-04', description: 'the UTC calendar date statuses are read for' }) today!: string;
  @ApiProperty({ type: ExposureTotalsDto }) counts!: ExposureTotalsDto;
  @ApiProperty({ type: [WatchExposureDto] }) watches!: WatchExposureDto[];
  @ApiProperty({ type: [SupplierExposureDto] }) suppliers!: SupplierExposureDto[];
  @ApiProperty({ type: [ElementGroupDto] }) byElement!: ElementGroupDto[];
  @ApiProperty({ type: [SupplierGroupDto] }) bySupplier!: SupplierGroupDto[];
  @ApiProperty({ type: [MeasureGroupDto] }) byMeasure!: MeasureGroupDto[];
  @ApiProperty({
    type: PartsImpactSummaryDto,
    description: "What the alerts shown mean for the tenant's parts together; the parts are in GET /v1/exposure/parts",
  })
  impact!: PartsImpactSummaryDto;
}

/** The alerts of the exposure reaching one part. */
export class PartAlertsDto {
  @ApiProperty({ format: 'uuid' }) partId!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) alertIds!: string[];
}

/** GET /v1/exposure/parts. */
export class ExposurePartsDto {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ example: '2026-12-04T09:00:00.000Z', description: 'ISO-8601 UTC instant it was computed' })
  asOf!: string;
  @ApiProperty({ type: PartsImpactDto }) impact!: PartsImpactDto;
  @ApiProperty({ type: [PartAlertsDto], description: 'Per affected part, in the order of impact.affectedParts' })
  alertsByPart!: PartAlertsDto[];
}

/** GET /v1/exposure/elements/:symbol. */
export class ElementExposureDto {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty() asOf!: string;
  @ApiProperty() today!: string;
  @ApiProperty({ type: ElementGroupDto }) element!: ElementGroupDto;
  @ApiProperty({ type: [WatchExposureDto] }) watches!: WatchExposureDto[];
  @ApiProperty({ type: [SupplierExposureDto] }) suppliers!: SupplierExposureDto[];
  @ApiProperty({ type: [MeasureGroupDto] }) measures!: MeasureGroupDto[];
}
