import { ValidateIf } from 'class-validator';

/**
 * Instead of `@IsOptional()` on a DTO field whose column is NOT NULL: an omitted field is skipped, a present one is
 * validated, `null` included (IsOptional would let null through to the database and a 500).
 */
export const OmittedOrValid = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
