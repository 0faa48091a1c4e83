/**
 * Public reference of companies (see reference-types.ts): filled from reference/companies.json by
 * scripts/build-supplier-reference.mjs? No: edited here, one object per company, every fact with its source.
 */
import type { ReferenceCompany } from './reference-types.js';

export const REFERENCE_COMPANIES: readonly ReferenceCompany[] = [];
