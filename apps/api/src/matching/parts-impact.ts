import type { AffectedPart, PartsImpact, Quantity, SourcingSituation } from '@lodestone/shared-types';
import { currencyDigits, fromScaled, KG_PER, mulScaled, shortMoney, toScaled } from '../common/quantities.js';
import type { PartReason } from './part-index.js';

/** A part with the figures the impact needs (decimals as strings, as stored). */
export interface ImpactPart {
  id: string;
  partNumber: string;
  description: string | null;
  unitMass: string | null;
  unitMassUnit: 'MG' | 'G' | 'KG' | null;
  annualQuantity: string | null;
  quantityUnit: 'PCS' | 'KG';
  annualSpend: string | null;
  currency: string | null;
  materials: {
    elementSymbol: string | null;
    materialForm: string | null;
    massPerUnit: string | null;
    massUnit: 'MG' | 'G' | 'KG' | null;
    massFraction: string | null;
  }[];
  suppliers: { supplierId: string; name: string; shareOfVolume: string | null }[];
  products: { productId: string; code: string; name: string; quantityPerProduct: string }[];
}

const SOURCING: SourcingSituation[] = [
  'SOLE_SOURCED_FROM_AFFECTED',
  'DUAL_SOURCED_WITH_UNAFFECTED',
  'SINGLE_SOURCED',
  'NO_SUPPLIER_ON_FILE',
];

/**
 * How a part is sourced against the suppliers an event affects: every supplier affected → SOLE_SOURCED_FROM_AFFECTED;
 * at least two suppliers and one of them not affected → DUAL_SOURCED_WITH_UNAFFECTED; one supplier, not affected →
 * SINGLE_SOURCED; none on file → NO_SUPPLIER_ON_FILE.
 */
export function sourcingOf(supplierIds: string[], affected: { has(id: string): boolean }): SourcingSituation {
  if (!supplierIds.length) return 'NO_SUPPLIER_ON_FILE';
  const hit = supplierIds.filter((s) => affected.has(s)).length;
  if (hit === supplierIds.length) return 'SOLE_SOURCED_FROM_AFFECTED';
  return supplierIds.length >= 2 ? 'DUAL_SOURCED_WITH_UNAFFECTED' : 'SINGLE_SOURCED';
}

/**
 * Kilograms of each element per year in a part, from the mass per piece (mg/g/kg per piece) or the mass fraction of
 * the part's unit mass, times the annual quantity in pieces; for a part bought by mass (KG), the fraction times the
 * annual kilograms. `null` with a reason when it cannot be computed. Several materials of one element add up.
 */
export function elementMassOf(p: ImpactPart): { symbol: string; kgPerYear: bigint | null; unknownReason?: string }[] {
  const bySymbol = new Map<string, { kg: bigint | null; unknownReason?: string }>();
  const qty = p.annualQuantity === null ? null : toScaled(p.annualQuantity);
  for (const m of p.materials) {
    if (!m.elementSymbol) continue;
    let kg: bigint | null = null;
    let unknownReason: string | undefined;
    if (qty === null) unknownReason = 'no annual quantity on file';
    else if (p.quantityUnit === 'KG') {
      if (m.massFraction !== null) kg = mulScaled(toScaled(m.massFraction), qty);
      else unknownReason = 'bought by mass: give the element as a mass fraction';
    } else if (m.massPerUnit !== null && m.massUnit)
      kg = mulScaled(mulScaled(toScaled(m.massPerUnit), toScaled(KG_PER[m.massUnit])), qty);
    else if (m.massFraction !== null && p.unitMass !== null && p.unitMassUnit)
      kg = mulScaled(
        mulScaled(mulScaled(toScaled(m.massFraction), toScaled(p.unitMass)), toScaled(KG_PER[p.unitMassUnit])),
        qty,
      );
    else unknownReason = 'no mass per unit or mass fraction on file';
    const prev = bySymbol.get(m.elementSymbol);
    if (!prev) bySymbol.set(m.elementSymbol, { kg, unknownReason });
    else if (prev.kg !== null && kg !== null) prev.kg += kg;
    else if (prev.kg !== null) bySymbol.set(m.elementSymbol, { kg: null, unknownReason });
  }
  return [...bySymbol].map(([symbol, v]) => ({
    symbol,
    kgPerYear: v.kg,
    ...(v.unknownReason ? { unknownReason: v.unknownReason } : {}),
  }));
}

/** The figures of a part an impact adds up, computed once per part (exact, scaled by 10^6). */
export interface PartFigures {
  spend: { currency: string; scaled: bigint } | null;
  quantity: { unit: Quantity['unit']; scaled: bigint } | null;
  masses: { symbol: string; kgPerYear: bigint | null; unknownReason?: string }[];
  supplierIds: string[];
  productIds: string[];
}

/** {@link PartFigures} of a part (parses its decimals once; keep them with the part). */
export function partFigures(p: ImpactPart): PartFigures {
  return {
    spend: p.annualSpend !== null && p.currency ? { currency: p.currency, scaled: toScaled(p.annualSpend) } : null,
    quantity: p.annualQuantity === null ? null : { unit: p.quantityUnit, scaled: toScaled(p.annualQuantity) },
    masses: elementMassOf(p),
    supplierIds: p.suppliers.map((s) => s.supplierId),
    productIds: p.products.map((x) => x.productId),
  };
}

/**
 * The summary of an impact (everything but the list of parts) from the parts' precomputed figures: what the alert
 * email needs, without building a line per part. Same rules as {@link partsImpact}.
 */
export function impactSummary(
  parts: PartFigures[],
  affectedSuppliers: Map<string, string>,
): Omit<PartsImpact, 'affectedParts'> {
  const spend = new Map<string, bigint>();
  const quantity = new Map<Quantity['unit'], bigint>();
  const mass = new Map<string, { kg: bigint; parts: number; unknown: number }>();
  const products = new Set<string>();
  const sourcing = Object.fromEntries(SOURCING.map((s) => [s, 0])) as Record<SourcingSituation, number>;
  const sole = new Map<string, number>();
  let partsWithoutSpend = 0;
  for (const f of parts) {
    const situation = sourcingOf(f.supplierIds, affectedSuppliers);
    sourcing[situation]++;
    if (situation === 'SOLE_SOURCED_FROM_AFFECTED')
      for (const s of f.supplierIds) if (affectedSuppliers.has(s)) sole.set(s, (sole.get(s) ?? 0) + 1);
    if (f.spend) spend.set(f.spend.currency, (spend.get(f.spend.currency) ?? 0n) + f.spend.scaled);
    else partsWithoutSpend++;
    if (f.quantity) quantity.set(f.quantity.unit, (quantity.get(f.quantity.unit) ?? 0n) + f.quantity.scaled);
    for (const x of f.productIds) products.add(x);
    for (const m of f.masses) {
      let acc = mass.get(m.symbol);
      if (!acc) {
        acc = { kg: 0n, parts: 0, unknown: 0 };
        mass.set(m.symbol, acc);
      }
      acc.parts++;
      if (m.kgPerYear === null) acc.unknown++;
      else acc.kg += m.kgPerYear;
    }
  }
  const summary = {
    parts: parts.length,
    products: products.size,
    annualSpend: [...spend]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, v]) => ({ amount: fromScaled(v, currencyDigits(currency)), currency })),
    partsWithoutSpend,
    annualQuantity: [...quantity].map(([unit, v]) => ({ amount: fromScaled(v, 0), unit })),
    elementMass: [...mass]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([symbol, m]) => ({
        symbol,
        kgPerYear: fromScaled(m.kg, 3),
        parts: m.parts,
        partsWithUnknownMass: m.unknown,
      })),
    sourcing,
    soleSourcedFrom: [...sole]
      .map(([supplierId, n]) => ({ supplierId, name: affectedSuppliers.get(supplierId) ?? supplierId, parts: n }))
      .sort((a, b) => b.parts - a.parts || a.name.localeCompare(b.name)),
  };
  return { ...summary, headline: impactHeadline(summary) };
}

/** "12 parts in 3 products, EUR 4.2 M annual spend, 2 parts sole-sourced from JL MAG Rare-Earth Co., Ltd." */
export function impactHeadline(i: Omit<PartsImpact, 'headline' | 'affectedParts'>): string {
  if (!i.parts) return 'No part on file is affected';
  const parts = `${i.parts} part${i.parts === 1 ? '' : 's'}`;
  const products = i.products ? ` in ${i.products} product${i.products === 1 ? '' : 's'}` : '';
  const spend = i.annualSpend.length
    ? `, ${i.annualSpend.map((m) => shortMoney(m.amount, m.currency)).join(' + ')} annual spend`
    : '';
  const sole = i.soleSourcedFrom
    .slice(0, 2)
    .map((s) => `${s.parts} part${s.parts === 1 ? '' : 's'} sole-sourced from ${s.name}`)
    .join(', ');
  return `${parts}${products}${spend}${sole ? `, ${sole}` : ''}`;
}

/**
 * The impact of one event (or of a set of alerts) on a tenant's bill of materials: the reached parts (by material or
 * code: `reached`; by supplier: parts of `affectedSuppliers`), the products they go into, annual spend per currency
 * (never summed across currencies), annual quantity per unit, element mass per year (kg, exact decimals; parts
 * whose mass is unknown are counted, not guessed), and each part's sourcing situation. Pure.
 * @param parts every part of the tenant that is reached, by id.
 * @param reasons per part id, why it is reached (material, code, supplier).
 * @param affectedSuppliers ids and names of the suppliers the event affects (supplier matches of the alert).
 */
export function partsImpact(
  parts: ImpactPart[],
  reasons: Map<string, PartReason[]>,
  affectedSuppliers: Map<string, string>,
  figures: PartFigures[] = parts.map(partFigures),
): PartsImpact {
  const summary = impactSummary(figures, affectedSuppliers);
  const affectedParts: AffectedPart[] = parts.map((p, i) => {
    const f = figures[i]!;
    let unaffected: bigint | null = 0n;
    for (const s of p.suppliers) {
      if (affectedSuppliers.has(s.supplierId)) continue;
      if (s.shareOfVolume === null) unaffected = null;
      else if (unaffected !== null) unaffected += toScaled(s.shareOfVolume);
    }
    return {
      partId: p.id,
      partNumber: p.partNumber,
      description: p.description,
      reasons: reasons.get(p.id) ?? [],
      sourcing: sourcingOf(f.supplierIds, affectedSuppliers),
      affectedSuppliers: p.suppliers.filter((s) => affectedSuppliers.has(s.supplierId)),
      unaffectedShare: f.supplierIds.length === 0 || unaffected === null ? null : fromScaled(unaffected, 4),
      annualSpend: f.spend
        ? { amount: fromScaled(f.spend.scaled, currencyDigits(f.spend.currency)), currency: f.spend.currency }
        : null,
      annualQuantity: f.quantity ? { amount: fromScaled(f.quantity.scaled, 0), unit: f.quantity.unit } : null,
      elementMass: f.masses.map((m) => ({
        symbol: m.symbol,
        kgPerYear: m.kgPerYear === null ? null : fromScaled(m.kgPerYear, 3),
        ...(m.unknownReason ? { unknownReason: m.unknownReason } : {}),
      })),
      products: p.products,
    };
  });
  return { ...summary, affectedParts };
}
