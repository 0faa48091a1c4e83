import { Injectable } from '@nestjs/common';
import type { MatchReason, PartsImpact } from '@lodestone/shared-types';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import { PartIndex, type PartReason } from '../../matching/part-index.js';
import {
  type ImpactPart,
  impactSummary,
  type PartFigures,
  partFigures,
  partsImpact,
} from '../../matching/parts-impact.js';
import type { ReferenceIndex } from '../../matching/reference-index.js';
import type { EventFacts, TextTag } from '../../matching/types.js';
import { ReferenceService } from '../reference/reference.service.js';
import { PART_INCLUDE, type PartRow } from './parts.repository.js';

/** What the impact reads of an alert: its event and its reasons (supplier reasons name the affected suppliers). */
export interface AlertForImpact {
  id: string;
  policyChangeId: string | null;
  permitEventId: string | null;
  reasons: unknown;
}

interface TenantParts {
  version: string;
  ref: ReferenceIndex;
  index: PartIndex;
  parts: ImpactPart[];
  /** Part id -> position in `parts`. */
  byId: Map<string, number>;
  /** Decimals of each part parsed once (same positions as `parts`). */
  figures: PartFigures[];
}

/** Parts per query when the fan-out loads the parts of many tenants at once (tenants are not split across queries). */
const FANOUT_PARTS_PER_QUERY = 10_000;

/** Longest the fan-out computes impacts (ms) before yielding to the event loop (a tenant is never split). */
const IMPACT_SLICE_MS = 20;

const str = (d: { toString(): string } | null) => (d === null ? null : d.toString());

function impactPart(p: PartRow): ImpactPart {
  return {
    id: p.id,
    partNumber: p.partNumber,
    description: p.description,
    unitMass: str(p.unitMass),
    unitMassUnit: p.unitMassUnit,
    annualQuantity: str(p.annualQuantity),
    quantityUnit: p.quantityUnit,
    annualSpend: str(p.annualSpend),
    currency: p.currency,
    materials: p.materials.map((m) => ({
      elementSymbol: m.elementSymbol,
      materialForm: m.materialForm,
      massPerUnit: str(m.massPerUnit),
      massUnit: m.massUnit,
      massFraction: str(m.massFraction),
    })),
    suppliers: p.suppliers.map((s) => ({
      supplierId: s.supplierId,
      name: s.supplier.legalNameEn,
      shareOfVolume: str(s.shareOfVolume),
    })),
    products: p.products.map((x) => ({
      productId: x.productId,
      code: x.product.code,
      name: x.product.name,
      quantityPerProduct: x.quantityPerProduct.toString(),
    })),
  };
}

/** What the part index reads of a part row. */
function specOf(p: PartRow) {
  return {
    id: p.id,
    partNumber: p.partNumber,
    hsCode: p.hsCode,
    materials: p.materials,
    supplierIds: p.suppliers.map((s) => s.supplierId),
  };
}

/**
 * The parts of a group of tenants in one index (a fan-out reads them together): one event's reach is one lookup for
 * the group, and what the index derives from each distinct material, form or code is derived once for the group, not
 * once per tenant. Supplier ids are tenant-owned, so the parts of a supplier are the parts of its tenant.
 */
interface GroupParts {
  index: PartIndex;
  figures: PartFigures[];
  /** Tenant of each part (same positions as `figures`). */
  tenantOf: string[];
  tenants: string[];
}

/** Supplier reasons that count as the supplier being affected (possible matches wait for a buyer's confirmation). */
function affectedSuppliersOf(reasons: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of (Array.isArray(reasons) ? reasons : []) as MatchReason[])
    if (r.subject?.type === 'SUPPLIER' && r.via !== 'SUPPLIER_POSSIBLE') out.set(r.subject.supplierId, r.subject.label);
  return out;
}

/**
 * The impact of alerts on a tenant's bill of materials (issue 15, docs/parts.md): which parts an alert's event
 * reaches (through the {@link PartIndex} of the tenant: elements, forms, codes) or through the suppliers it matched
 * (the alert's supplier reasons), and what that means in products, spend, quantity, element mass and sourcing.
 *
 * Computed on read, like the exposure. The tenant's part index is kept per process and rebuilt when the tenant's
 * parts change: a version read in one query (counts and latest change of parts and their supplier and product links)
 * is compared on every call, so changes made by any process are seen.
 */
@Injectable()
export class PartsImpactService {
  private readonly cache = new Map<string, TenantParts>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly reference: ReferenceService,
  ) {}

  /**
   * The parts version of each tenant in one query: counts and latest changes of its parts, their supplier and product
   * links, its suppliers and products. `parts` is the number of parts. Tenants without parts are left out after one
   * index probe each (a fan-out to 10,000 tenants without parts costs one cheap statement).
   */
  private async versions(db: Tx, tenantIds: string[]): Promise<Map<string, { version: string; parts: number }>> {
    const rows = await db.$queryRaw<{ tenantId: string; parts: bigint | number; v: string }[]>`
      WITH t AS (
        SELECT u.id FROM unnest(${tenantIds}::uuid[]) AS u(id)
        WHERE EXISTS (SELECT 1 FROM "Part" WHERE "tenantId" = u.id)
      )
      SELECT t.id AS "tenantId", p.n AS parts, concat_ws('|', p.n, p.m, ps.n, pp.n, s.m, pr.m) AS v
      FROM t
      CROSS JOIN LATERAL (SELECT count(*) AS n, max("updatedAt") AS m FROM "Part" WHERE "tenantId" = t.id) p
      CROSS JOIN LATERAL (SELECT count(*) AS n FROM "PartSupplier" WHERE "tenantId" = t.id) ps
      CROSS JOIN LATERAL (SELECT count(*) AS n FROM "PartProduct" WHERE "tenantId" = t.id) pp
      CROSS JOIN LATERAL (SELECT max("updatedAt") AS m FROM "Supplier" WHERE "tenantId" = t.id) s
      CROSS JOIN LATERAL (SELECT max("updatedAt") AS m FROM "Product" WHERE "tenantId" = t.id) pr`;
    return new Map(rows.map((r) => [r.tenantId, { version: r.v, parts: Number(r.parts) }]));
  }

  async tenantParts(tx: Tx | null, tenantId: string, known?: string): Promise<TenantParts> {
    const db = tx ?? this.prisma.db;
    const [version, ref] = await Promise.all([
      known ?? this.versions(db, [tenantId]).then((v) => v.get(tenantId)?.version ?? ''),
      this.reference.index(),
    ]);
    const cached = this.cache.get(tenantId);
    if (cached && cached.version === version && cached.ref === ref) return cached;
    const rows = await db.part.findMany({
      where: { tenantId },
      include: PART_INCLUDE,
      orderBy: { id: 'asc' },
    });
    const built = this.build(rows, version, ref);
    this.cache.set(tenantId, built);
    return built;
  }

  /** A tenant's index and parsed figures from its part rows (ordered by id). */
  private build(rows: PartRow[], version: string, ref: ReferenceIndex): TenantParts {
    const parts = rows.map(impactPart);
    const index = new PartIndex(rows.map(specOf), ref);
    return {
      version,
      ref,
      index,
      parts,
      byId: new Map(parts.map((p, i) => [p.id, i])),
      figures: parts.map(partFigures),
    };
  }

  /**
   * The parts of many tenants for a fan-out, a group at a time: first the cached indexes that are current, then the
   * others read together (one group per about {@link FANOUT_PARTS_PER_QUERY} parts, a tenant never split) into one
   * index per group ({@link GroupParts}), not kept in the cache, so a fan-out to every tenant holds one group's parts
   * at a time, not every tenant's.
   * @param versions tenantId -> parts version and count (tenants without parts are absent and get nothing).
   */
  private async *tenantPartsGroups(
    db: Tx,
    versions: ReadonlyMap<string, { version: string; parts: number }>,
  ): AsyncGenerator<Map<string, TenantParts> | GroupParts> {
    const ref = await this.reference.index();
    const cached = new Map<string, TenantParts>();
    const groups: string[][] = [];
    let group: string[] = [];
    let size = 0;
    for (const [tenantId, v] of versions) {
      if (!v.parts) continue;
      const hit = this.cache.get(tenantId);
      if (hit && hit.version === v.version && hit.ref === ref) {
        cached.set(tenantId, hit);
        continue;
      }
      if (group.length && size + v.parts > FANOUT_PARTS_PER_QUERY) {
        groups.push(group);
        group = [];
        size = 0;
      }
      group.push(tenantId);
      size += v.parts;
    }
    if (group.length) groups.push(group);
    if (cached.size) yield cached;
    for (const ids of groups) {
      const rows = await this.partRowsOf(db, ids);
      yield {
        index: new PartIndex(rows.map(specOf), ref),
        figures: rows.map((r) => partFigures(impactPart(r))),
        tenantOf: rows.map((r) => r.tenantId),
        tenants: ids,
      };
    }
  }

  /**
   * The parts of `tenantIds` with their materials, suppliers and products, as {@link build} reads them, in four raw
   * statements (parts, then each list; ordered as PART_INCLUDE orders them). Decimals come back as strings, read
   * through `toString()` like Prisma's decimals. Prisma's `findMany` with the three includes cost several times more
   * per part when one fan-out reads the parts of thousands of tenants.
   */
  private async partRowsOf(db: Tx, tenantIds: string[]): Promise<PartRow[]> {
    type Row = Record<string, string | null>;
    const parts = await db.$queryRaw<Row[]>`
      SELECT "id", "tenantId", "partNumber", "description", "hsCode", "unitMass"::text AS "unitMass",
        "unitMassUnit"::text AS "unitMassUnit", "annualQuantity"::text AS "annualQuantity",
        "quantityUnit"::text AS "quantityUnit", "annualSpend"::text AS "annualSpend", "currency"
      FROM "Part" WHERE "tenantId" = ANY(${tenantIds}::uuid[]) ORDER BY "tenantId", "id"`;
    const [materials, suppliers, products] = await Promise.all([
      db.$queryRaw<Row[]>`
        SELECT "partId", "elementSymbol", "materialForm", "massPerUnit"::text AS "massPerUnit",
          "massUnit"::text AS "massUnit", "massFraction"::text AS "massFraction"
        FROM "PartMaterial" WHERE "tenantId" = ANY(${tenantIds}::uuid[]) ORDER BY "partId", "position"`,
      db.$queryRaw<Row[]>`
        SELECT ps."partId", ps."supplierId", s."legalNameEn", ps."shareOfVolume"::text AS "shareOfVolume"
        FROM "PartSupplier" ps JOIN "Supplier" s ON s."id" = ps."supplierId"
        WHERE ps."tenantId" = ANY(${tenantIds}::uuid[]) ORDER BY ps."partId", ps."supplierId"`,
      db.$queryRaw<Row[]>`
        SELECT pp."partId", pp."productId", pr."code", pr."name", pp."quantityPerProduct"::text AS "quantityPerProduct"
        FROM "PartProduct" pp JOIN "Product" pr ON pr."id" = pp."productId"
        WHERE pp."tenantId" = ANY(${tenantIds}::uuid[]) ORDER BY pp."partId", pp."productId"`,
    ]);
    const byPart = <T>(rows: Row[], map: (r: Row) => T) => {
      const out = new Map<string, T[]>();
      for (const r of rows) {
        const list = out.get(r.partId!);
        if (list) list.push(map(r));
        else out.set(r.partId!, [map(r)]);
      }
      return out;
    };
    const m = byPart(materials, (r) => ({
      elementSymbol: r.elementSymbol,
      materialForm: r.materialForm,
      massPerUnit: r.massPerUnit,
      massUnit: r.massUnit,
      massFraction: r.massFraction,
    }));
    const s = byPart(suppliers, (r) => ({
      supplierId: r.supplierId!,
      shareOfVolume: r.shareOfVolume,
      supplier: { legalNameEn: r.legalNameEn! },
    }));
    const p = byPart(products, (r) => ({
      productId: r.productId!,
      quantityPerProduct: r.quantityPerProduct!,
      product: { code: r.code!, name: r.name! },
    }));
    return parts.map(
      (r) =>
        ({
          ...r,
          materials: m.get(r.id!) ?? [],
          suppliers: s.get(r.id!) ?? [],
          products: p.get(r.id!) ?? [],
        }) as unknown as PartRow,
    );
  }

  /**
   * The matching facts of one stored event (what {@link forEvent} needs), read back from its row; null when absent.
   * @param type POLICY_CHANGE or PERMIT_EVENT.
   */
  async factsOf(type: string, eventId: string): Promise<EventFacts | null> {
    const facts = await this.facts([
      {
        id: eventId,
        policyChangeId: type === 'POLICY_CHANGE' ? eventId : null,
        permitEventId: type === 'PERMIT_EVENT' ? eventId : null,
        reasons: [],
      },
    ]);
    return facts.get(eventId) ?? null;
  }

  /** Matching facts of the events of `alerts` (policy changes and permits; screening alerts have none). */
  private async facts(alerts: AlertForImpact[]): Promise<Map<string, EventFacts>> {
    const pcIds = alerts.flatMap((a) => (a.policyChangeId ? [a.policyChangeId] : []));
    const peIds = alerts.flatMap((a) => (a.permitEventId ? [a.permitEventId] : []));
    const matchable = (tags: unknown): TextTag[] =>
      Array.isArray(tags) ? (tags as TextTag[]).filter((t) => t.kind !== 'DATE') : [];
    const [pcs, pes] = await Promise.all([
      pcIds.length
        ? this.prisma.db.policyChange.findMany({
            where: { id: { in: pcIds } },
            select: {
              id: true,
              jurisdiction: true,
              reference: true,
              action: true,
              elements: true,
              hsCodes: true,
              controlEntries: true,
              textTags: true,
            },
          })
        : [],
      peIds.length
        ? this.prisma.db.permitEvent.findMany({
            where: { id: { in: peIds } },
            select: {
              id: true,
              jurisdiction: true,
              status: true,
              elements: true,
              hsCodes: true,
              controlEntries: true,
              textTags: true,
            },
          })
        : [],
    ]);
    const out = new Map<string, EventFacts>();
    for (const r of pcs)
      out.set(r.id, {
        type: 'POLICY_CHANGE',
        jurisdiction: r.jurisdiction,
        reference: r.reference,
        action: r.action,
        elements: r.elements,
        hsCodes: r.hsCodes,
        controlEntries: r.controlEntries,
        textTags: matchable(r.textTags),
      });
    for (const r of pes)
      out.set(r.id, {
        type: 'PERMIT_EVENT',
        jurisdiction: r.jurisdiction,
        reference: null,
        permitStatus: r.status,
        elements: r.elements,
        hsCodes: r.hsCodes,
        controlEntries: r.controlEntries,
        textTags: matchable(r.textTags),
      });
    return out;
  }

  /**
   * The parts each alert reaches, with reasons, and the suppliers it affects.
   * @returns per alert id: reasons per reached part (index into the tenant's parts) and the affected suppliers.
   */
  async reach(tenantId: string, alerts: AlertForImpact[]) {
    const [tp, facts] = await Promise.all([this.tenantParts(null, tenantId), this.facts(alerts)]);
    const out = new Map<string, { parts: Map<number, PartReason[]>; suppliers: Map<string, string> }>();
    for (const a of alerts)
      out.set(a.id, this.reachOne(tp, facts.get(a.policyChangeId ?? a.permitEventId ?? ''), a.reasons));
    return { tp, reach: out };
  }

  /**
   * For the alert emails of a new event (the fan-out worker, after the ingestion's answer; a chunk of alerts at a
   * time): the impact of each alert whose tenant has parts. One query gives the parts version of every alerted tenant
   * (tenants without parts cost nothing more); the parts of tenants whose cached index is not current are read in a
   * few queries, a group at a time, and not cached (see {@link tenantPartsGroups}). Yields to the event loop after every
   * {@link IMPACT_SLICE_MS} ms of computing. Alerts that reach no part are left out.
   * @param db the Prisma client or a transaction.
   * @returns alert id -> the impact without its per-part list.
   */
  async forEvent(
    db: Tx,
    facts: EventFacts,
    alerts: { id: string; tenantId: string; reasons: unknown }[],
  ): Promise<Map<string, Omit<PartsImpact, 'affectedParts'>>> {
    const out = new Map<string, Omit<PartsImpact, 'affectedParts'>>();
    const tenantIds = [...new Set(alerts.map((a) => a.tenantId))];
    if (!tenantIds.length) return out;
    // One query for every alerted tenant: which have parts, and whether their cached index is current.
    const versions = await this.versions(db, tenantIds);
    if (!versions.size) return out;
    const alertsOf = new Map<string, typeof alerts>();
    for (const a of alerts) {
      const list = alertsOf.get(a.tenantId);
      if (list) list.push(a);
      else alertsOf.set(a.tenantId, [a]);
    }
    let slice = performance.now();
    const summarise = (a: (typeof alerts)[number], index: PartIndex, figures: PartFigures[], own: Set<number>) => {
      // Figures only (no reason per part): the email shows the sentence and the totals.
      const suppliers = affectedSuppliersOf(a.reasons);
      const reached = index.partsOfSuppliers(suppliers.keys(), new Set(own));
      if (!reached.size) return;
      out.set(
        a.id,
        impactSummary(
          [...reached].map((i) => figures[i]!),
          suppliers,
        ),
      );
    };
    for await (const group of this.tenantPartsGroups(db, versions)) {
      if (group instanceof Map) {
        for (const [tenantId, tp] of group) {
          if (performance.now() - slice > IMPACT_SLICE_MS) {
            await new Promise(setImmediate);
            slice = performance.now();
          }
          const own = tp.index.size ? tp.index.reach(facts) : new Set<number>();
          for (const a of alertsOf.get(tenantId) ?? []) summarise(a, tp.index, tp.figures, own);
        }
        continue;
      }
      // One lookup for the whole group, then each tenant's share of it.
      const reachedOf = new Map<string, Set<number>>();
      for (const i of group.index.size ? group.index.reach(facts) : []) {
        const t = group.tenantOf[i]!;
        const set = reachedOf.get(t);
        if (set) set.add(i);
        else reachedOf.set(t, new Set([i]));
      }
      for (const tenantId of group.tenants) {
        if (performance.now() - slice > IMPACT_SLICE_MS) {
          await new Promise(setImmediate);
          slice = performance.now();
        }
        const own = reachedOf.get(tenantId) ?? new Set<number>();
        for (const a of alertsOf.get(tenantId) ?? []) summarise(a, group.index, group.figures, own);
      }
      await new Promise(setImmediate);
      slice = performance.now();
    }
    return out;
  }

  /** The parts one event reaches in one tenant (index match, plus the parts of the suppliers its alert names). */
  private reachOne(tp: TenantParts, f: EventFacts | undefined, alertReasons: unknown) {
    const parts = new Map<number, PartReason[]>();
    if (f && tp.index.size) for (const h of tp.index.match(f)) parts.set(tp.byId.get(h.partId)!, h.reasons);
    const suppliers = affectedSuppliersOf(alertReasons);
    for (const i of tp.index.partsOfSuppliers(suppliers.keys())) {
      const p = tp.parts[i]!;
      const reasons = p.suppliers
        .filter((s) => suppliers.has(s.supplierId))
        .map((s) => ({
          via: 'SUPPLIER' as const,
          text: `Part ${p.partNumber} is supplied by ${s.name}${s.shareOfVolume ? ` (${Math.round(Number(s.shareOfVolume) * 1000) / 10}% of its volume)` : ''}, which this alert names`,
        }));
      parts.set(i, [...(parts.get(i) ?? []), ...reasons]);
    }
    return { parts, suppliers };
  }

  /** The impact of each alert on the tenant's parts (empty impacts for alerts that reach none). */
  async ofAlerts(tenantId: string, alerts: AlertForImpact[]): Promise<Map<string, PartsImpact>> {
    const { tp, reach } = await this.reach(tenantId, alerts);
    const out = new Map<string, PartsImpact>();
    for (const [id, r] of reach) out.set(id, this.impact(tp, [r]));
    return out;
  }

  /**
   * The impact of several alerts together (the exposure): each part counted once, with every reason, and the
   * suppliers any of them affects. `alertIdsByPart` says which alerts reach each affected part.
   */
  async ofAll(tenantId: string, alerts: AlertForImpact[]) {
    const { tp, reach } = await this.reach(tenantId, alerts);
    const alertIdsByPart = new Map<string, string[]>();
    for (const [id, r] of reach)
      for (const i of r.parts.keys()) {
        const pid = tp.parts[i]!.id;
        alertIdsByPart.set(pid, [...(alertIdsByPart.get(pid) ?? []), id]);
      }
    return { impact: this.impact(tp, [...reach.values()]), alertIdsByPart };
  }

  private impact(tp: TenantParts, reaches: { parts: Map<number, PartReason[]>; suppliers: Map<string, string> }[]) {
    const reasons = new Map<string, PartReason[]>();
    const suppliers = new Map<string, string>();
    const indexes = new Set<number>();
    for (const r of reaches) {
      for (const [i, rs] of r.parts) {
        indexes.add(i);
        const id = tp.parts[i]!.id;
        const prev = reasons.get(id) ?? [];
        for (const x of rs) if (!prev.some((p) => p.text === x.text)) prev.push(x);
        reasons.set(id, prev);
      }
      for (const [k, v] of r.suppliers) suppliers.set(k, v);
    }
    const sorted = [...indexes].sort((a, b) => a - b);
    return partsImpact(
      sorted.map((i) => tp.parts[i]!),
      reasons,
      suppliers,
      sorted.map((i) => tp.figures[i]!),
    );
  }
}
