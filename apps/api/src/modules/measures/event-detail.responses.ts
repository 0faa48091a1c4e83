import { ApiProperty } from '@nestjs/swagger';
import { Bool, Enum, Instant, Int, NullableStr, Str, Uuid } from '../../common/openapi/properties.js';

/** Kinds of text tags (matching/types.ts TextTag). */
export const TEXT_TAG_KINDS = [
  'ELEMENT',
  'ELEMENT_IN_COMPOUND',
  'HS_CODE',
  'CONTROL_ENTRY',
  'MATERIAL_FORM',
  'DATE',
] as const;

/**
 * One fact found in the event's free text, with its span: `text` is `event.text[field].slice(start, end)` (UTF-16
 * code-unit offsets, as JavaScript counts them).
 */
export class EventTextTagDto {
  @Enum(TEXT_TAG_KINDS, 'TextTagKind', {
    description:
      'ELEMENT: the text names the element; ELEMENT_IN_COMPOUND: only through a compound name (weaker, see `compound`)',
  })
  kind!: string;
  @Str({
    example: 'Dy',
    description:
      'Symbol (elements), digits (HS codes), entry code (control-list entries), form code (material forms), ISO-8601 date or instant with offset (dates)',
  })
  value!: string;
  @Enum(['title', 'summary', 'body'], 'TextField') field!: string;
  @Int({ description: 'Start offset (UTF-16 code units) into the field', minimum: 0 }) start!: number;
  @Int({ description: 'End offset, exclusive' }) end!: number;
  @Str({ example: 'dysprosium' }) text!: string;
  @Bool({
    description:
      'The text names it in an exclusion ("excluding …", "not controlled under …", 不包括 …, …除外): NOT covered; it alerts no watch as a control',
  })
  excluded!: boolean;
  @NullableStr({ example: 'germanate', description: 'ELEMENT_IN_COMPOUND: the compound word; null otherwise' })
  compound!: string | null;
  @NullableStr({
    example: 'Asia/Shanghai',
    description: 'DATE: the zone a local date-time was read in; null otherwise',
  })
  timeZone!: string | null;
}

/** The event's text as stored, which the tags' offsets index into. */
export class EventTextDto {
  @Str() title!: string;
  @Str({ description: 'Empty when the event has none' }) summary!: string;
  @NullableStr({ description: 'The body as ingested; null when the event came without one' }) body!: string | null;
}

/** One event (a policy change or a permit event) with its text and the tags found in it. */
export class EventDetailDto {
  @Uuid() id!: string;
  @Enum(['POLICY_CHANGE', 'PERMIT_EVENT'], 'EventType') type!: string;
  @Str({ example: 'mofcom' }) source!: string;
  @Str() externalId!: string;
  @Str({ example: 'CN' }) jurisdiction!: string;
  @Str({ example: 'MOFCOM' }) issuer!: string;
  @NullableStr({ description: 'Policy changes: e.g. "MOFCOM/GAC Announcement 2025 No. 18"; null otherwise' })
  reference!: string | null;
  @NullableStr() sourceUrl!: string | null;
  @Instant({ description: 'When Lodestone stored the event' }) createdAt!: string;
  @ApiProperty({ type: EventTextDto }) text!: EventTextDto;
  @ApiProperty({ type: [EventTextTagDto], description: 'By field (title, summary, body), then start' })
  textTags!: EventTextTagDto[];
}
