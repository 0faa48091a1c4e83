import type { QuantityUnit, SourcingSituation } from './enums.js';

/** An amount of money: a decimal string in major units (e.g. "4200000.00") and its ISO 4217 currency ("EUR"). */
export interface Money {
  amount: string;
  currency: string;
}

/** A quantity with its unit (pieces or kilograms), as a decimal string. */
export interface Quantity {
  amount: string;
  unit: QuantityUnit;
}

/** Mass of an element at risk per year over the affected parts. */
export interface ElementMassAtRisk {
  symbol: string;
  /** Kilograms per year over the parts whose mass is known (decimal string, 3 decimals); "0" when none is known. */
  kgPerYear: string;
  /** Affected parts containing the element. */
  parts: number;
  /** Of those, parts whose element mass per year cannot be computed (no mass, or no quantity), left out of kgPerYear. */
  partsWithUnknownMass: number;
}

/** One affected part of an impact, with why it is affected and how it is sourced. */
export interface AffectedPart {
  partId: string;
  partNumber: string;
  description: string | null;
  /** Sentences saying how the event reaches the part (its elements, forms, code or suppliers). */
  reasons: { via: 'MATERIAL' | 'HS_CODE' | 'SUPPLIER'; text: string; element?: string }[];
  sourcing: SourcingSituation;
  /** Suppliers of the part the event affects (ids and names). */
  affectedSuppliers: { supplierId: string; name: string; shareOfVolume: string | null }[];
  /** Share of the part's volume from suppliers the event does not affect (0..1, decimal string), null when unknown. */
  unaffectedShare: string | null;
  annualSpend: Money | null;
  annualQuantity: Quantity | null;
  /** Element mass per year in the part, kg/year; null when it cannot be computed (the reason says why). */
  elementMass: { symbol: string; kgPerYear: string | null; unknownReason?: string }[];
  products: { productId: string; code: string; name: string; quantityPerProduct: string }[];
}

/** What an event means for a tenant's bill of materials: parts, products, spend, quantity and mass at risk. */
export interface PartsImpact {
  parts: number;
  products: number;
  /** Annual spend of the affected parts per currency, never summed across currencies. */
  annualSpend: Money[];
  /** Affected parts without an annual spend on file. */
  partsWithoutSpend: number;
  /** Annual quantity of the affected parts per unit. */
  annualQuantity: Quantity[];
  elementMass: ElementMassAtRisk[];
  sourcing: Record<SourcingSituation, number>;
  /** Affected suppliers and how many affected parts each is the sole source of. */
  soleSourcedFrom: { supplierId: string; name: string; parts: number }[];
  /** One sentence for people: "12 parts in 3 products, EUR 4.2 M annual spend, 2 parts sole-sourced from JL MAG". */
  headline: string;
  affectedParts: AffectedPart[];
}

/** What an alert email shows of the impact on the tenant's parts: the sentence it leads with and its figures. */
export interface AlertImpactSummary {
  /** "12 parts in 3 products, EUR 4.2 M annual spend, 2 parts sole-sourced from JL MAG". */
  headline: string;
  parts: number;
  products: number;
  /** Per currency, never summed across currencies. */
  annualSpend: Money[];
  /** Affected parts whose every supplier is one the event affects. */
  soleSourcedParts: number;
}
