import { Injectable } from '@nestjs/common';
import { FieldValidationException } from '../../common/validation.js';
import { PrismaService } from '../../database/prisma.service.js';
import { REFERENCE_COMPANIES } from '../../matching/suppliers/reference-companies.js';
import { ReferenceService } from '../reference/reference.service.js';
import { PartsImpactService } from './parts-impact.service.js';

/** The 17 rare earths (IUPAC): a producer whose published role says "rare earth" may produce any of them. */
const RARE_EARTHS = new Set([
  'Sc',
  'Y',
  'La',
  'Ce',
  'Pr',
  'Nd',
  'Pm',
  'Sm',
  'Eu',
  'Gd',
  'Tb',
  'Dy',
  'Ho',
  'Er',
  'Tm',
  'Yb',
  'Lu',
]);

/** A magnet form: a producer whose role names magnets may make it. */
const MAGNET_FORMS = new Set(['NDFEB_MAGNET', 'SMCO_MAGNET', 'RE_PERMANENT_MAGNET']);

/** One of the tenant's suppliers not subject to the control that already supplies the element or form. */
export interface OwnAlternative {
  supplierId: string;
  name: string;
  country: string | null;
  /** The parts it supplies that contain the element or form, with its share of each. */
  supplies: { partId: string; partNumber: string; shareOfVolume: string | null }[];
  /** Sentences with the facts this rests on (the tenant's own records). */
  evidence: string[];
}

/** A producer from the public company reference, outside the controlling jurisdiction. */
export interface ReferenceAlternative {
  key: string;
  name: string;
  country: string;
  /** What it produces, as published. */
  role: string;
  /** How its role relates to what is asked: it names the element, a form of it, or rare earths generally. */
  match: 'NAMES_ELEMENT' | 'NAMES_FORM' | 'RARE_EARTHS_GENERALLY';
  /** Which words of the role matched. */
  matchedWords: string;
  /** Public sources of the country and the role. */
  sources: { country: string[]; role: string[] };
  /** Screening lists (stored in Lodestone) with an entry of exactly this name, not removed. */
  screening: { listed: boolean; entries: { listName: string; sourceListUrl: string | null }[]; checkedNames: string[] };
  /** Licences (stored permit events) naming it as exporter, newest first. */
  licences: { status: string; validTo: string | null; title: string; sourceUrl: string | null }[];
}

/**
 * Alternative sources for an element or material form (issue 15): first the tenant's own suppliers outside the
 * controlling jurisdiction that already supply parts containing it (evidence: the tenant's part records), then
 * producers outside that jurisdiction from the public company reference (reference-companies.ts) whose published
 * role names the element, the form, or rare earths generally, each with the sources of its country and role, its
 * entries on the stored screening lists and the licences stored for it. Nothing is recommended without a fact and
 * its source; a producer whose role does not say it produces the element is not listed.
 */
@Injectable()
export class AlternativesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly reference: ReferenceService,
    private readonly parts: PartsImpactService,
  ) {}

  /**
   * @param q element symbol and/or material form code; `jurisdiction` the controlling one (ISO 3166-1 alpha-2,
   *   default CN: every control Lodestone ingests today is China's).
   * @throws FieldValidationException (400) naming `element` or `materialForm` when unknown, or when neither is given.
   */
  async alternatives(tenantId: string, q: { element?: string; materialForm?: string; jurisdiction?: string }) {
    const ref = await this.reference.index();
    const errors = [];
    if (!q.element && !q.materialForm)
      errors.push({ field: 'element', messages: ['give element (e.g. Dy) or materialForm (e.g. NDFEB_MAGNET)'] });
    if (q.element && ref.label(q.element) === q.element)
      errors.push({
        field: 'element',
        messages: [`element ${q.element} is not one Lodestone knows (GET /v1/elements)`],
      });
    const form = q.materialForm ? ref.form(q.materialForm) : undefined;
    if (q.materialForm && !form)
      errors.push({
        field: 'materialForm',
        messages: [`materialForm ${q.materialForm} is not one Lodestone knows (GET /v1/material-forms)`],
      });
    if (errors.length) throw new FieldValidationException(errors);
    const jurisdiction = q.jurisdiction ?? 'CN';
    const wanted = [q.element ? ref.label(q.element) : null, form?.nameEn].filter(Boolean).join(', ');

    // 1. The tenant's own suppliers, outside the jurisdiction, supplying parts that contain the element or form.
    const tp = await this.parts.tenantParts(null, tenantId);
    const supplierRows = await this.prisma.db.supplier.findMany({
      where: { tenantId },
      select: { id: true, legalNameEn: true, country: true },
    });
    const suppliers = new Map(supplierRows.map((s) => [s.id, s]));
    const own = new Map<string, OwnAlternative>();
    for (const p of tp.parts) {
      const contains = p.materials.some(
        (m) =>
          (q.element &&
            (m.elementSymbol === q.element || ref.form(m.materialForm ?? '')?.elements.includes(q.element))) ||
          (q.materialForm && m.materialForm === q.materialForm),
      );
      if (!contains) continue;
      for (const s of p.suppliers) {
        const row = suppliers.get(s.supplierId);
        if (!row?.country || row.country === jurisdiction) continue;
        const alt = own.get(s.supplierId) ?? {
          supplierId: s.supplierId,
          name: row.legalNameEn,
          country: row.country,
          supplies: [],
          evidence: [`Your supplier record gives its country as ${row.country}, outside ${jurisdiction}`],
        };
        alt.supplies.push({ partId: p.id, partNumber: p.partNumber, shareOfVolume: s.shareOfVolume });
        alt.evidence.push(
          `It supplies your part ${p.partNumber}${s.shareOfVolume ? ` (${Math.round(Number(s.shareOfVolume) * 1000) / 10}% of its volume)` : ''}, which contains ${wanted}`,
        );
        own.set(s.supplierId, alt);
      }
    }

    // 2. Producers of the public reference outside the jurisdiction whose role says they produce it.
    const elementName = q.element ? ref.label(q.element).replace(/ \(.*\)$/, '') : null;
    const candidates: Omit<ReferenceAlternative, 'screening' | 'licences'>[] = [];
    for (const c of REFERENCE_COMPANIES) {
      // Outside the controlling jurisdiction only when the reference knows the country (25 companies have none yet).
      if (!c.country || c.country === jurisdiction) continue;
      const role = c.role.toLowerCase();
      let match: ReferenceAlternative['match'] | null = null;
      let matchedWords = '';
      if (elementName && role.includes(elementName)) {
        match = 'NAMES_ELEMENT';
        matchedWords = elementName;
      } else if (form && MAGNET_FORMS.has(form.code) && /magnet/.test(role)) {
        match = 'NAMES_FORM';
        matchedWords = /ndfeb/.test(role) ? 'NdFeB magnet' : 'magnet';
      } else if (q.element && RARE_EARTHS.has(q.element) && /rare[ -]earth/.test(role)) {
        match = 'RARE_EARTHS_GENERALLY';
        matchedWords = 'rare earth';
      }
      if (!match) continue;
      candidates.push({
        key: c.key,
        name: c.legalNameEn,
        country: c.country,
        role: c.role,
        match,
        matchedWords,
        sources: { country: c.sources.country ?? [], role: c.sources.role ?? [] },
      });
    }
    const names = REFERENCE_COMPANIES.filter((c) => candidates.some((x) => x.key === c.key)).flatMap((c) =>
      [c.legalNameEn, c.legalNameZh].filter((n): n is string => !!n),
    );
    const [screening, permits] = names.length
      ? await Promise.all([
          this.prisma.db.screeningEntry.findMany({
            where: {
              removedAt: null,
              OR: [{ name: { in: names, mode: 'insensitive' } }, { altNames: { hasSome: names } }],
            },
            select: { name: true, altNames: true, listName: true, sourceListUrl: true },
          }),
          this.prisma.db.permitEvent.findMany({
            where: { exporterName: { in: names } },
            select: { exporterName: true, status: true, validTo: true, title: true, sourceUrl: true },
            orderBy: { occurredAt: 'desc' },
          }),
        ])
      : [[], []];
    const rank = { NAMES_ELEMENT: 0, NAMES_FORM: 1, RARE_EARTHS_GENERALLY: 2 } as const;
    const producers: ReferenceAlternative[] = candidates
      .map((c) => {
        const company = REFERENCE_COMPANIES.find((x) => x.key === c.key)!;
        const own = [company.legalNameEn, company.legalNameZh].filter((n): n is string => !!n);
        const lower = own.map((n) => n.toLowerCase());
        const entries = screening.filter(
          (e) => lower.includes(e.name.toLowerCase()) || e.altNames.some((a) => own.includes(a)),
        );
        return {
          ...c,
          screening: {
            listed: entries.length > 0,
            entries: entries.map((e) => ({ listName: e.listName, sourceListUrl: e.sourceListUrl })),
            checkedNames: own,
          },
          licences: permits
            .filter((p) => own.includes(p.exporterName))
            .map((p) => ({
              status: p.status,
              validTo: p.validTo ? p.validTo.toISOString().slice(0, 10) : null,
              title: p.title,
              sourceUrl: p.sourceUrl,
            })),
        };
      })
      .sort((a, b) => rank[a.match] - rank[b.match] || a.name.localeCompare(b.name));
    return {
      element: q.element ?? null,
      materialForm: q.materialForm ?? null,
      jurisdiction,
      ownSuppliers: [...own.values()].sort((a, b) => a.name.localeCompare(b.name)),
      producers,
      note: 'Facts only: the tenant’s own records and the public company reference with its sources. Screening is an exact-name check against the lists stored in Lodestone; it is not a clearance.',
    };
  }
}
