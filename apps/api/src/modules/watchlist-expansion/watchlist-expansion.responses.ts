import { ApiProperty } from '@nestjs/swagger';
import { Enum, NullableStr, Str, Uuid, WATCH_KIND_VALUES } from '../../common/openapi/properties.js';

const EXPANDED_KINDS = ['ELEMENT', 'HS_CODE', 'CONTROL_ENTRY', 'REFERENCE_ITEM', 'MATERIAL_FORM'];

/** The watch an expansion is of. */
export class ExpandedWatchDto {
  @Uuid() id!: string;
  @Enum(WATCH_KIND_VALUES, 'WatchKind') kind!: string;
  @NullableStr() elementSymbol!: string | null;
  @NullableStr() hsPrefix!: string | null;
  @NullableStr() controlEntry!: string | null;
  @NullableStr() jurisdiction!: string | null;
}

/** A key an event must carry to match the watch, and why. */
export class ExpandedKeyDto {
  @Enum(EXPANDED_KINDS, 'ExpandedKeyKind') kind!: string;
  @Str({ description: 'Symbol, code digits, entry code, "<announcementId>|<itemKey>" or material-form code' })
  value!: string;
  @Str({ example: 'ENTRY_OF_ELEMENT' }) path!: string;
  @Str() reason!: string;
}

/** A related key deliberately not matched alone, and why. */
export class NotUsedKeyDto {
  @Enum(EXPANDED_KINDS, 'ExpandedKeyKind') kind!: string;
  @Str({ example: '3824999922' }) value!: string;
  @Str() reason!: string;
}

/** A watch and everything it expands to. */
export class WatchExpansionDto {
  @ApiProperty({ type: ExpandedWatchDto }) watch!: ExpandedWatchDto;
  @Str({ example: 'terbium (Tb)' }) label!: string;
  @ApiProperty({ type: [ExpandedKeyDto] }) expandsTo!: ExpandedKeyDto[];
  @ApiProperty({ type: [NotUsedKeyDto] }) notUsed!: NotUsedKeyDto[];
}
