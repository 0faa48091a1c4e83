import { isCountryCode, isJurisdiction } from './dto.js';

describe('jurisdiction and country codes', () => {
  it('takes assigned ISO 3166-1 alpha-2 codes, subdivisions, EU and WCO as jurisdictions, and refuses the rest', () => {
    expect(['CN', 'US', 'JP', 'HK', 'TW', 'US-CA', 'CN-GD', 'EU', 'WCO'].filter((c) => !isJurisdiction(c))).toEqual([]);
    // ZZ and XX are user-assigned, UK is not ISO (GB is), lower case and other shapes are not codes.
    expect(['ZZ', 'XX', 'UK', 'cn', 'CHN', 'C', '', 'ZZ-CA', 42, null].filter((c) => isJurisdiction(c))).toEqual([]);
  });

  it('takes only assigned ISO country codes as a country (no EU, no subdivision)', () => {
    expect(['CN', 'DE', 'RU', 'GB'].every(isCountryCode)).toBe(true);
    expect(['EU', 'WCO', 'US-CA', 'UK', 'ZZ', 'de'].some(isCountryCode)).toBe(false);
  });
});
