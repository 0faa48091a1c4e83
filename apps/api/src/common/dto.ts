import { isISO31661Alpha2, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * Instead of `@IsOptional()` on a DTO field whose column is NOT NULL: an omitted field is skipped, a present one is
 * validated, `null` included (IsOptional would let null through to the database and a 500).
 */
export const OmittedOrValid = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/**
 * A jurisdiction: an assigned ISO 3166-1 alpha-2 country code in capitals (CN, US, JP; ZZ or UK are refused), optionally
 * with a subdivision (US-CA), or EU (the European Union) or WCO (the World Customs Organization, for HS rules). The
 * list of assigned codes is validator.js's, through class-validator.
 */
export function isJurisdiction(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value === 'EU' || value === 'WCO') return true;
  return /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(value) && isISO31661Alpha2(value.slice(0, 2));
}

/** An assigned ISO 3166-1 alpha-2 country code in capitals (CN, DE; not ZZ, not EU). */
export function isCountryCode(value: unknown): boolean {
  return typeof value === 'string' && /^[A-Z]{2}$/.test(value) && isISO31661Alpha2(value);
}

/** Class-validator decorator for {@link isJurisdiction}; `each` for arrays. */
export const IsJurisdiction = (message: string, options: ValidationOptions = {}) =>
  ValidateBy(
    { name: 'isJurisdiction', validator: { validate: isJurisdiction, defaultMessage: () => message } },
    options,
  );

/** Class-validator decorator for {@link isCountryCode}. */
export const IsCountryCode = (message: string) =>
  ValidateBy({ name: 'isCountryCode', validator: { validate: isCountryCode, defaultMessage: () => message } });
