/**
 * Supplier resolution: which suppliers of which tenants a company name in an event (exporter, end user) is.
 * Pure; no I/O. Exact keys first (USCC, LEI, tickers), then candidates from an index of name keys (whole normalised
 * names, fingerprints, distinctive words and Chinese character bigrams), each scored (score.ts). A buyer's remembered
 * decision for (tenant, supplier, name) overrides the score.
 */
import type { SupplierNameDecisionSpec, SupplierSpec } from '../types.js';
import { acronymOf, initialismsOf } from './acronyms.js';
import { canonicalTicker, isValidLei, isValidUscc, type CompanyId } from './identifiers.js';
import { normalizeName, type NameForm } from './name.js';
import { REFERENCE_COMPANIES } from './reference-companies.js';
import type { ReferenceCompany } from './reference-types.js';
import { romanisedForms } from './romanize.js';
import { scoreNames, THRESHOLDS, type ScoreFeature } from './score.js';
import { nameVariants } from './variants.js';

/** Which of a supplier's names or identifiers matched. */
export type SupplierNameKind =
  | 'English legal name'
  | 'Chinese legal name'
  | 'former name'
  | 'alias'
  | 'short name'
  | 'Japanese legal name'
  | 'ticker'
  | 'USCC'
  | 'LEI';

/** One supplier that a name resolved to. */
export interface SupplierHit {
  supplier: SupplierSpec;
  /** MATCH: the same supplier; POSSIBLE: a buyer should confirm or reject. */
  band: 'MATCH' | 'POSSIBLE';
  /** In [0, 1]; 1 for an identifier in common. */
  score: number;
  /** The supplier's name (or identifier) that matched best. */
  matchedName: { kind: SupplierNameKind; value: string };
  /** Per-feature contributions to the score. */
  features: ScoreFeature[];
  /** Set when a buyer confirmed this (supplier, name) before: the band is then MATCH whatever the score. */
  confirmed?: true;
  /** Key of the resolved name under which a decision is remembered (see nameKey in name.ts). */
  nameKey: string;
  /** Set when the hit went through a romanisation, a reference company's name, or a branch / extra-words variant. */
  origin?: HitOrigin;
}

interface Owner {
  supplier: SupplierSpec;
  kind: SupplierNameKind;
  text: string;
  /** Order of the name in the supplier's list: lower wins a tie. */
  rank: number;
  /** The name is the romanisation (pinyin or English rendering, romanize.ts) of `text`. */
  romanised?: true;
  /** The name or identifier comes from the public reference company the supplier resolved to. */
  reference?: { key: string; source: string };
  /** Core of the name as registered (for a romanised name: of the Chinese name it romanises). */
  sourceCore?: string;
  /** Other registered spellings with the same core (their legal forms count in {@link legalFormsOf} checks). */
  alsoWritten?: string[];
}
interface Entry {
  form: NameForm;
  owners: Owner[];
}
interface SupplierNames {
  supplier: SupplierSpec;
  names: { form: NameForm; owner: Owner }[];
  ids: { id: CompanyId; owner: Owner }[];
  /** Acronym-like names ("XTC") and initialisms of full names ("XTC" of Xiamen Tungsten Co., Ltd.). */
  acronyms: { key: string; role: 'acronym' | 'initials'; owner: Owner }[];
  /** Keys of the public reference companies the supplier is. */
  referenceKeys: ReadonlySet<string>;
  /** Core of the English legal name (the company an initialism stands for). */
  company: string;
}

/**
 * Suppliers with their names normalised, romanised and matched to the public reference companies: the costly part of
 * building a {@link SupplierResolver} (about 0.1 ms per supplier of two legal names), done ahead by
 * {@link prepareSuppliers} so that it can give the event loop turns; the resolver built from it only fills its maps.
 */
export class PreparedSuppliers {
  /** @internal use {@link prepareSuppliers}. */
  constructor(
    readonly names: readonly SupplierNames[],
    readonly reference: readonly ReferenceCompany[],
  ) {}
}

/**
 * Prepares `suppliers` for a {@link SupplierResolver} (see {@link PreparedSuppliers}), awaiting `pause()` after each
 * supplier: pass a time slicer's `maybeYield` so that a build of 200,000 suppliers (tens of seconds of work) never
 * holds the event loop for more than a slice. `reference` as for the resolver.
 */
export async function prepareSuppliers(
  suppliers: Iterable<SupplierSpec>,
  pause: () => Promise<void>,
  reference: readonly ReferenceCompany[] = REFERENCE_COMPANIES,
): Promise<PreparedSuppliers> {
  const normalize = formCache();
  const directory = directoryOf(reference);
  const names: SupplierNames[] = [];
  for (const s of suppliers) {
    names.push(supplierNames(s, normalize, directory));
    await pause();
  }
  return new PreparedSuppliers(names, reference);
}

/** normalizeName with a cache of its own (one build's names; the global memo is bounded). */
function formCache(): (name: string) => NameForm {
  const forms = new Map<string, NameForm>();
  return (name: string) => {
    let form = forms.get(name);
    if (!form) {
      form = normalizeName(name);
      forms.set(name, form);
    }
    return form;
  };
}

/** Where a hit's owner came from, for the reason. */
export interface HitOrigin {
  /** The supplier's name was romanised (pinyin-pro) to meet the event's name, or the event's name was. */
  romanised?: string;
  /** The matched name or identifier is inherited from the public reference company: its key and source. */
  reference?: { key: string; source: string };
  /** The event's name is a branch of the supplier, or names it with extra words set aside. */
  variant?: { kind: 'branch' | 'extra'; tail: string };
}

const idKey = (id: CompanyId) => `${id.scheme}:${id.value}`;

/** Score of an acronym meeting an initialism: 4+ letters a match, 3 letters at most possible (see acronyms.ts). */
const ACRONYM_SCORE = { long: 0.88, short: 0.75 } as const;
/** Cap of a score reached through a romanisation (pinyin / English rendering): never "same name" certainty. */
const ROMANISED_CAP = 0.95;
/** Cost of extra words set aside (a site, plant or address); a branch costs nothing (it is the same legal person). */
const EXTRA_WORDS_COST = 0.02;
/** Score of a name with the same words as two reference companies but another legal form: possible at most. */
const AMBIGUOUS_SAME_WORDS = 0.8;

/**
 * The public reference companies a supplier is (strong evidence only): an identifier in common (USCC, LEI, ticker),
 * or a legal or former name identical after normalisation to one of the company's legal or former names. A company
 * whose USCC or LEI differs from the supplier's is never one.
 */
export class ReferenceDirectory {
  private readonly byKey = new Map<string, ReferenceCompany[]>();
  /**
   * Name cores shared by two or more reference companies, told apart only by their legal forms: a parent and its
   * listed arm ("Aluminum Corporation of China" / "Aluminum Corporation of China Limited"; 中国铝业公司 /
   * 中国铝业股份有限公司). An event's name with such a core is the same name only with the same legal forms.
   */
  readonly ambiguousCores = new Set<string>();
  /**
   * Name core -> the reference companies that publish that name (legal, former or short name): a name that is
   * exactly another known company's name names that company, not a supplier that only shares some of its words.
   */
  readonly namedBy = new Map<string, Set<string>>();
  constructor(readonly companies: readonly ReferenceCompany[]) {
    for (const c of companies)
      for (const n of [...namesOf(c), ...(c.shortNames ?? [])]) {
        const core = normalizeName(n).core;
        if (!core) continue;
        const set = this.namedBy.get(core) ?? new Set<string>();
        set.add(c.key);
        this.namedBy.set(core, set);
      }
    const coreOwners = new Map<string, Set<string>>();
    for (const c of companies) {
      for (const n of [c.legalNameEn, c.legalNameZh, c.legalNameZhHant, c.legalNameJa, ...(c.formerNames ?? [])]) {
        const core = n ? normalizeName(n).core : '';
        if (!core) continue;
        const set = coreOwners.get(core) ?? new Set<string>();
        set.add(c.key);
        coreOwners.set(core, set);
      }
    }
    for (const [core, owners] of coreOwners) if (owners.size > 1) this.ambiguousCores.add(core);
    for (const c of companies) {
      const keys = new Set<string>();
      if (c.uscc) keys.add(`USCC:${c.uscc}`);
      if (c.lei) keys.add(`LEI:${c.lei}`);
      for (const t of c.tickers ?? []) {
        const v = canonicalTicker(t);
        if (v) keys.add(`TICKER:${v}`);
      }
      for (const n of [c.legalNameEn, c.legalNameZh, c.legalNameZhHant, c.legalNameJa, ...(c.formerNames ?? [])]) {
        const core = n ? normalizeName(n).core : '';
        if (core) keys.add(`k:${core}`);
      }
      for (const k of keys) {
        const list = this.byKey.get(k);
        if (list) list.push(c);
        else this.byKey.set(k, [c]);
      }
    }
  }

  /** The reference companies that supplier `s` is. */
  companiesOf(s: SupplierSpec, normalize: (name: string) => NameForm): ReferenceCompany[] {
    const keys: string[] = [];
    if (s.uscc) keys.push(`USCC:${s.uscc.toUpperCase()}`);
    if (s.lei) keys.push(`LEI:${s.lei.toUpperCase()}`);
    for (const t of s.tickers ?? []) {
      const v = canonicalTicker(t);
      if (v) keys.push(`TICKER:${v}`);
    }
    const out = new Set<ReferenceCompany>();
    for (const k of keys) for (const c of this.byKey.get(k) ?? []) out.add(c);
    for (const n of [s.legalNameEn, s.legalNameZh, ...(s.formerNames ?? [])]) {
      const core = n ? normalize(n).core : '';
      if (!core) continue;
      for (const c of this.byKey.get(`k:${core}`) ?? []) {
        // Words shared with another reference company: the legal forms must agree too.
        if (!this.ambiguousCores.has(core) || namesOf(c).some((m) => sameLegalName(m, n!, core))) out.add(c);
      }
    }
    return [...out].filter(
      (c) =>
        !(s.uscc && c.uscc && s.uscc.toUpperCase() !== c.uscc) && !(s.lei && c.lei && s.lei.toUpperCase() !== c.lei),
    );
  }
}

const namesOf = (c: ReferenceCompany) =>
  [c.legalNameEn, c.legalNameZh, c.legalNameZhHant, c.legalNameJa, ...(c.formerNames ?? [])].filter(
    (n): n is string => !!n,
  );
const sameLegalName = (a: string, b: string, core: string) =>
  normalizeName(a).core === core && legalFormsOf(a) === legalFormsOf(b);

const firstSource = (c: ReferenceCompany, field: keyof ReferenceCompany['sources']) =>
  c.sources[field]?.[0] ?? c.sources.legalNameEn?.[0] ?? 'public reference';

/**
 * The names and identifiers of one supplier, normalised, in rank order: its own, then those inherited from the public
 * reference companies it is, then the romanised forms of its Chinese names. `normalize` may be a cache: many tenants
 * register the same companies.
 */
function supplierNames(
  s: SupplierSpec,
  normalize: (name: string) => NameForm,
  reference: ReferenceDirectory | null,
): SupplierNames {
  const refs = reference ? reference.companiesOf(s, normalize) : [];
  const out: SupplierNames = {
    supplier: s,
    names: [],
    ids: [],
    acronyms: [],
    referenceKeys: new Set(refs.map((c) => c.key)),
    company: normalize(s.legalNameEn).core,
  };
  const listed: [SupplierNameKind, string, Owner['reference']?][] = [['English legal name', s.legalNameEn]];
  if (s.legalNameZh) listed.push(['Chinese legal name', s.legalNameZh]);
  for (const n of s.formerNames ?? []) listed.push(['former name', n]);
  for (const n of s.aliases) listed.push(['alias', n]);
  const refTickers: [string, Owner['reference']][] = [];
  const refIds: [CompanyId, Owner['reference']][] = [];
  for (const c of refs) {
    const ref = (field: keyof ReferenceCompany['sources']) => ({ key: c.key, source: firstSource(c, field) });
    listed.push(['English legal name', c.legalNameEn, ref('legalNameEn')]);
    if (c.legalNameZh) listed.push(['Chinese legal name', c.legalNameZh, ref('legalNameZh')]);
    if (c.legalNameZhHant) listed.push(['Chinese legal name', c.legalNameZhHant, ref('legalNameZhHant')]);
    if (c.legalNameJa) listed.push(['Japanese legal name', c.legalNameJa, ref('legalNameJa')]);
    for (const n of c.formerNames ?? []) listed.push(['former name', n, ref('formerNames')]);
    for (const n of c.shortNames ?? []) listed.push(['short name', n, ref('shortNames')]);
    for (const t of c.tickers ?? []) refTickers.push([t, ref('tickers')]);
    if (c.uscc && !s.uscc) refIds.push([{ scheme: 'USCC', value: c.uscc }, ref('uscc')]);
    if (c.lei && !s.lei) refIds.push([{ scheme: 'LEI', value: c.lei }, ref('lei')]);
  }
  const seenCores = new Set<string>();
  const seenIds = new Set<string>();
  const seenAcronyms = new Set<string>();
  let rank = 0;
  const addId = (id: CompanyId, owner: Owner) => {
    if (seenIds.has(idKey(id))) return;
    seenIds.add(idKey(id));
    out.ids.push({ id, owner });
  };
  if (s.uscc && isValidUscc(s.uscc))
    addId({ scheme: 'USCC', value: s.uscc.toUpperCase() }, { supplier: s, kind: 'USCC', text: s.uscc, rank: rank++ });
  if (s.lei && isValidLei(s.lei))
    addId({ scheme: 'LEI', value: s.lei.toUpperCase() }, { supplier: s, kind: 'LEI', text: s.lei, rank: rank++ });
  for (const t of s.tickers ?? []) {
    const value = canonicalTicker(t);
    if (value) addId({ scheme: 'TICKER', value }, { supplier: s, kind: 'ticker', text: t, rank: rank++ });
  }
  for (const [id, reference] of refIds)
    addId(id, { supplier: s, kind: id.scheme as 'USCC' | 'LEI', text: id.value, rank: rank++, reference });
  for (const [t, reference] of refTickers) {
    const value = canonicalTicker(t);
    if (value) addId({ scheme: 'TICKER', value }, { supplier: s, kind: 'ticker', text: t, rank: rank++, reference });
  }
  const romanised: { form: NameForm; owner: Owner }[] = [];
  for (const [kind, text, reference] of listed) {
    const form = normalize(text);
    const owner: Owner = { supplier: s, kind, text, rank: rank++, alsoWritten: [] };
    if (reference) owner.reference = reference;
    for (const id of form.ids) addId(id, { ...owner, kind: id.scheme === 'TICKER' ? 'ticker' : id.scheme });
    if (form.core === '') continue;
    if (seenCores.has(form.core)) {
      const first = out.names.find((n) => n.form.core === form.core);
      first?.owner.alsoWritten?.push(text);
      continue;
    }
    seenCores.add(form.core);
    owner.sourceCore = form.core;
    out.names.push({ form, owner });
    const acronym = acronymOf(form);
    const acronymKeys: [string, 'acronym' | 'initials'][] = acronym
      ? [[acronym, 'acronym']]
      : initialismsOf(form).map((a) => [a, 'initials']);
    for (const [key, role] of acronymKeys) {
      if (seenAcronyms.has(`${role}:${key}`)) continue;
      seenAcronyms.add(`${role}:${key}`);
      out.acronyms.push({ key, role, owner });
    }
    for (const r of romanisedForms(form)) romanised.push({ form: r, owner: { ...owner, romanised: true } });
  }
  // Romanised forms last: a supplier's own Latin name with the same core wins (it is not a romanisation).
  for (const r of romanised) {
    if (seenCores.has(r.form.core)) continue;
    seenCores.add(r.form.core);
    r.owner.rank = rank++;
    out.names.push(r);
  }
  return out;
}

/** The index keys of a name: whole core, fingerprint, each distinctive unit. */
function keysOf(form: NameForm): string[] {
  const keys: string[] = [];
  if (form.core) keys.push(`k:${form.core}`);
  if (form.fingerprint) keys.push(`f:${form.fingerprint}`);
  for (const unit of form.distinctive.keys()) keys.push(unit);
  return keys;
}

/**
 * The lookup keys of a supplier's names and identifiers, as {@link SupplierResolver} indexes them: `n:` + each name
 * key (whole core, fingerprint, distinctive units) of every name (own, inherited from a public reference company,
 * romanised), `id:` + each identifier, `a:` + each acronym or initialism.
 */
function supplierLookupKeys(names: SupplierNames, out: Set<string>): void {
  for (const { form } of names.names) for (const k of keysOf(form)) out.add(`n:${k}`);
  for (const { id } of names.ids) out.add(`id:${idKey(id)}`);
  for (const { key } of names.acronyms) out.add(`a:${key}`);
}

/**
 * The keys under which {@link SupplierResolver.resolve} looks `name` up (the name and each branch / extra-words
 * variant's head; each as given and romanised; identifiers; acronym and initialisms), in the form of
 * {@link SupplierResolver.lookupKeys}. `resolve(name)` can only return a supplier sharing one of these keys: an event
 * party whose keys meet none of a supplier's keys never resolves to it (the back-matching index relies on this).
 */
export function nameLookupKeys(name: string): string[] {
  const out = new Set<string>();
  for (const n of [name, ...nameVariants(name).map((v) => v.head)]) {
    const q = normalizeName(n);
    for (const qf of queryForms(q)) for (const k of keysOf(qf.form)) out.add(`n:${k}`);
    for (const id of q.ids) out.add(`id:${idKey(id)}`);
    const acronym = acronymOf(q);
    if (acronym) out.add(`a:${acronym}`);
    else for (const a of initialismsOf(q)) out.add(`a:${a}`);
  }
  return [...out];
}

let defaultDirectory: ReferenceDirectory | undefined;
/** The directory of {@link REFERENCE_COMPANIES}, built once (it normalises every reference name). */
function directoryOf(reference: readonly ReferenceCompany[]): ReferenceDirectory | null {
  if (!reference.length) return null;
  if (reference !== REFERENCE_COMPANIES) return new ReferenceDirectory(reference);
  defaultDirectory ??= new ReferenceDirectory(REFERENCE_COMPANIES);
  return defaultDirectory;
}

/**
 * The lookup keys of supplier `s` as a {@link SupplierResolver} built with `reference` indexes it (see
 * {@link nameLookupKeys}): an event's name whose lookup keys share none of them never resolves to `s`.
 */
export function supplierLookupKeysOf(
  s: SupplierSpec,
  reference: readonly ReferenceCompany[] = REFERENCE_COMPANIES,
): string[] {
  // The supplier's legal names are read twice (reference companies, then its own names): normalised once.
  const forms = new Map<string, NameForm>();
  const normalize = (name: string) => {
    let form = forms.get(name);
    if (!form) {
      form = normalizeName(name);
      forms.set(name, form);
    }
    return form;
  };
  const out = new Set<string>();
  supplierLookupKeys(supplierNames(s, normalize, directoryOf(reference)), out);
  return [...out];
}

const HAN = /\p{Script=Han}/u;

/** A form of the event's name: as given, or romanised (a Chinese name, to meet suppliers' Latin names). */
interface QueryForm {
  form: NameForm;
  romanised: boolean;
}

function queryForms(q: NameForm): QueryForm[] {
  return [{ form: q, romanised: false }, ...romanisedForms(q).map((form) => ({ form, romanised: true }))];
}

/**
 * Whether a query form may be scored against an owner's name. A romanised query meets only names the supplier
 * registered in Latin letters (Chinese meets Chinese directly); romanised names are met only by Latin queries.
 */
function comparable(qf: QueryForm, form: NameForm, owner: Owner): boolean {
  if (qf.romanised) return !owner.romanised && !HAN.test(form.core);
  if (owner.romanised) return !HAN.test(qf.form.core);
  return true;
}

/**
 * The suppliers of all tenants, indexed by name keys and identifiers. Build once per change of supplier lists or
 * decisions; {@link resolve} then costs in proportion to the candidates sharing a key with the name, not to the
 * number of suppliers. Each supplier also inherits the names and identifiers of the public reference companies it is
 * (see {@link ReferenceDirectory}; pass `reference: []` for none).
 */
export class SupplierResolver {
  private readonly all: SupplierNames[] = [];
  private readonly byKey = new Map<string, Entry[]>();
  private readonly entries = new Map<string, Entry>();
  private readonly byId = new Map<string, Owner[]>();
  private readonly byAcronym = new Map<string, { role: 'acronym' | 'initials'; owner: Owner }[]>();
  /** Initialism -> the distinct companies (English legal name cores) it stands for. */
  private readonly initialsCompanies = new Map<string, Set<string>>();
  private readonly decisions = new Map<string, SupplierNameDecisionSpec['decision']>();
  private ambiguous: ReadonlySet<string> = new Set();
  private namedBy: ReadonlyMap<string, ReadonlySet<string>> = new Map();
  private readonly referenceKeys = new Map<SupplierSpec, ReadonlySet<string>>();

  /**
   * @param suppliers every tenant's suppliers, or the same prepared ahead ({@link prepareSuppliers}, whose reference
   *   companies then replace `reference`).
   */
  constructor(
    suppliers: Iterable<SupplierSpec> | PreparedSuppliers,
    decisions: Iterable<SupplierNameDecisionSpec> = [],
    reference: readonly ReferenceCompany[] = REFERENCE_COMPANIES,
  ) {
    let prepared: PreparedSuppliers;
    if (suppliers instanceof PreparedSuppliers) prepared = suppliers;
    else {
      const normalize = formCache();
      const directory = directoryOf(reference);
      prepared = new PreparedSuppliers(
        Array.from(suppliers, (s) => supplierNames(s, normalize, directory)),
        reference,
      );
    }
    for (const _ of this.fill(prepared, decisions));
  }

  /**
   * {@link SupplierResolver} of prepared suppliers ({@link prepareSuppliers}), built a supplier at a time, awaiting
   * `pause()` between steps (a time slicer's `maybeYield`), so the event loop is never held for a whole build.
   */
  static async build(
    suppliers: PreparedSuppliers,
    decisions: Iterable<SupplierNameDecisionSpec>,
    pause: () => Promise<void>,
  ): Promise<SupplierResolver> {
    const resolver = new SupplierResolver(new PreparedSuppliers([], suppliers.reference));
    for (const _ of resolver.fill(suppliers, decisions)) await pause();
    return resolver;
  }

  /**
   * Fills the maps from `prepared` (and `decisions`), yielding after each supplier and each step of the final passes;
   * the caller decides whether to pause there. Recomputes the derived sets from everything added so far.
   */
  private *fill(prepared: PreparedSuppliers, decisions: Iterable<SupplierNameDecisionSpec>): Generator<void> {
    const directory = directoryOf(prepared.reference);
    for (const names of prepared.names) {
      const s = names.supplier;
      this.all.push(names);
      this.referenceKeys.set(s, names.referenceKeys);
      for (const { form, owner } of names.names) {
        let entry = this.entries.get(form.core);
        if (!entry) {
          entry = { form, owners: [] };
          this.entries.set(form.core, entry);
          for (const key of keysOf(form)) {
            const list = this.byKey.get(key);
            if (list) list.push(entry);
            else this.byKey.set(key, [entry]);
          }
        }
        entry.owners.push(owner);
      }
      for (const { id, owner } of names.ids) {
        const list = this.byId.get(idKey(id));
        if (list) list.push(owner);
        else this.byId.set(idKey(id), [owner]);
      }
      const company = names.company;
      for (const a of names.acronyms) {
        const list = this.byAcronym.get(a.key);
        if (list) list.push(a);
        else this.byAcronym.set(a.key, [a]);
        if (a.role === 'initials') {
          const set = this.initialsCompanies.get(a.key) ?? new Set<string>();
          set.add(company);
          this.initialsCompanies.set(a.key, set);
        }
      }
      yield;
    }
    // A tenant with two suppliers whose full legal names share their words but not their legal forms (a parent and
    // its listed arm) tells them apart by legal form, as the reference does for the companies it knows. Names
    // without a legal form (short names) and the same company registered twice claim nothing.
    const tenantCores = new Map<string, Map<SupplierSpec, Set<string>>>();
    for (const names of this.all) {
      for (const { owner } of names.names) {
        if (owner.romanised || !owner.sourceCore) continue;
        const forms = new Set([owner.text, ...(owner.alsoWritten ?? [])].map(legalFormsOf).filter(Boolean));
        if (!forms.size) continue;
        const key = `${names.supplier.tenantId}\u0000${owner.sourceCore}`;
        const bySupplier = tenantCores.get(key) ?? new Map<SupplierSpec, Set<string>>();
        bySupplier.set(names.supplier, forms);
        tenantCores.set(key, bySupplier);
      }
      yield;
    }
    const ambiguous = new Set(directory?.ambiguousCores ?? []);
    for (const [key, bySupplier] of tenantCores) {
      const sets = [...bySupplier.values()];
      if (sets.some((a, i) => sets.slice(i + 1).some((b) => ![...a].some((f) => b.has(f))))) ambiguous.add(key);
      yield;
    }
    this.ambiguous = ambiguous;
    this.namedBy = directory?.namedBy ?? new Map();
    for (const d of decisions) {
      this.decisions.set(`${d.tenantId}\u0000${d.supplierId}\u0000${d.nameKey}`, d.decision);
      yield;
    }
  }

  /**
   * Every supplier (of every tenant) that `name` is (band MATCH) or may be (band POSSIBLE), ordered by tenant id then
   * supplier id, one hit per supplier (its best-scoring name). `name` is free text: an exporter's name in English or
   * Chinese, possibly with a ticker, USCC or LEI in it, a branch or extra words (variants.ts). Suppliers a buyer
   * rejected for this name are left out.
   */
  resolve(name: string): SupplierHit[] {
    return this.withVariants(name, (n) => this.resolveOne(n, false));
  }

  /** The same answer as {@link resolve}, by scoring every name of every supplier: the reference for tests and benchmarks. */
  resolveByScan(name: string): SupplierHit[] {
    return this.withVariants(name, (n) => this.resolveOne(n, true));
  }

  /** The name as given, and each branch / extra-words variant's head, best hit per supplier. */
  private withVariants(name: string, one: (name: string) => SupplierHit[]): SupplierHit[] {
    const hits = one(name);
    const variants = nameVariants(name);
    if (!variants.length) return hits;
    const best = new Map<SupplierSpec, SupplierHit>();
    for (const h of hits) best.set(h.supplier, h);
    // The whole name's identifiers still rule: a different USCC or LEI is a different legal entity.
    const ids = normalizeName(name).ids;
    for (const v of variants) {
      for (const h of one(v.head)) {
        if (conflicts(ids, 'USCC', h.supplier.uscc) || conflicts(ids, 'LEI', h.supplier.lei)) continue;
        const cost = v.kind === 'branch' ? 0 : EXTRA_WORDS_COST;
        const score = Math.round((h.score - cost) * 100) / 100;
        const feature: ScoreFeature =
          v.kind === 'branch'
            ? { feature: 'branch of', effect: 0, detail: v.tail }
            : { feature: 'extra words set aside', effect: -cost, detail: v.tail };
        const hit: SupplierHit = {
          ...h,
          score,
          features: [...h.features, feature],
          band: h.confirmed || score >= THRESHOLDS.match ? 'MATCH' : 'POSSIBLE',
          origin: { ...h.origin, variant: { kind: v.kind, tail: v.tail } },
        };
        if (score < THRESHOLDS.possible && !h.confirmed) continue;
        const current = best.get(h.supplier);
        if (!current || rankOf(hit) > rankOf(current)) best.set(h.supplier, hit);
      }
    }
    return [...best.values()].sort(
      (a, b) => cmp(a.supplier.tenantId, b.supplier.tenantId) || cmp(a.supplier.id, b.supplier.id),
    );
  }

  private resolveOne(name: string, scan: boolean): SupplierHit[] {
    const q = normalizeName(name);
    const best = new Map<SupplierSpec, Offer>();
    for (const qf of queryForms(q)) {
      if (scan) {
        for (const s of this.all)
          for (const { form, owner } of s.names) consider(best, qf, form, owner, this.ambiguous);
      } else {
        const seen = new Set<Entry>();
        for (const key of keysOf(qf.form)) {
          for (const entry of this.byKey.get(key) ?? []) {
            if (seen.has(entry)) continue;
            seen.add(entry);
            for (const owner of entry.owners) consider(best, qf, entry.form, owner, this.ambiguous);
          }
        }
      }
    }
    if (scan) {
      const qIds = new Set(q.ids.map(idKey));
      for (const s of this.all)
        for (const { id, owner } of s.ids) if (qIds.has(idKey(id))) offer(best, owner, 1, idFeatures(id));
    } else {
      for (const id of q.ids) for (const owner of this.byId.get(idKey(id)) ?? []) offer(best, owner, 1, idFeatures(id));
    }
    // Acronyms meet initialisms, both ways (acronyms.ts).
    const qAcronym = acronymOf(q);
    const wanted: [string, 'acronym' | 'initials'][] = qAcronym
      ? [[qAcronym, 'initials']]
      : initialismsOf(q).map((a) => [a, 'acronym']);
    for (const [key, role] of wanted) {
      const candidates = scan
        ? this.all.flatMap((s) => s.acronyms.filter((a) => a.key === key))
        : (this.byAcronym.get(key) ?? []);
      for (const a of candidates) {
        if (a.role !== role) continue;
        const ambiguous = role === 'initials' && (this.initialsCompanies.get(key)?.size ?? 0) > 1;
        const score = key.length >= 4 && !ambiguous ? ACRONYM_SCORE.long : ACRONYM_SCORE.short;
        const detail = `${key} = ${role === 'initials' ? a.owner.text : name}`;
        offer(best, a.owner, score, [
          {
            feature: ambiguous ? 'initials, shared by several companies' : 'initials of the name',
            effect: score,
            detail,
          },
        ]);
      }
    }
    return this.finish(q, best);
  }

  /** Conflicting identifiers, decisions, bands, order. */
  private finish(q: NameForm, best: Map<SupplierSpec, Offer>): SupplierHit[] {
    const key = q.core || q.ids.map((i) => i.value).join(' ');
    // The event's name is exactly the name of a company of the public reference: a supplier the reference knows as
    // another company, meeting the name only partly (shared words, initials), is a sister, parent or namesake, never
    // that company. (A supplier the reference does not know, e.g. registered by a short name, is not judged here.)
    const namedBy = q.core ? this.namedBy.get(q.core) : undefined;
    const out: SupplierHit[] = [];
    for (let hit of best.values()) {
      const s = hit.supplier;
      const own = this.referenceKeys.get(s);
      if (
        namedBy &&
        own?.size &&
        hit.score >= THRESHOLDS.match &&
        hit.score < 1 &&
        hit.features[0]?.feature !== 'same name' &&
        ![...namedBy].some((k) => own.has(k))
      ) {
        const cap = THRESHOLDS.match - 0.01;
        hit = {
          ...hit,
          score: cap,
          features: [
            ...hit.features,
            { feature: 'the name of another company', effect: cap - hit.score, detail: [...namedBy].join(', ') },
          ],
        };
      }
      // A different USCC or LEI is a different legal entity, whatever the name says.
      if (conflicts(q.ids, 'USCC', s.uscc) || conflicts(q.ids, 'LEI', s.lei)) continue;
      const decision = this.decisions.get(`${s.tenantId}\u0000${s.id}\u0000${key}`);
      if (decision === 'REJECTED') continue;
      const { rank: _rank, ...rest } = hit;
      const result: SupplierHit = { ...rest, nameKey: key, band: hit.score >= THRESHOLDS.match ? 'MATCH' : 'POSSIBLE' };
      if (!result.origin) delete result.origin;
      if (decision === 'CONFIRMED') {
        result.band = 'MATCH';
        result.confirmed = true;
      }
      out.push(result);
    }
    return out.sort((a, b) => cmp(a.supplier.tenantId, b.supplier.tenantId) || cmp(a.supplier.id, b.supplier.id));
  }
}

type Offer = SupplierHit & { rank: number };

/** A hit's strength for picking the best of several: band, then score. */
function rankOf(h: SupplierHit): number {
  return (h.band === 'MATCH' ? 2 : 0) + h.score;
}

/** Legal forms written in a name, canonical and sorted ("Co., Ltd." -> "co ltd"; 股份有限公司 -> "gufen"). */
export function legalFormsOf(raw: string): string {
  let s = raw.normalize('NFKC').toLowerCase();
  const found = new Set<string>();
  for (const [re, key] of LEGAL_FORM_KEYS) {
    if (re.test(s)) {
      found.add(key);
      s = s.replace(re, ' ');
    }
  }
  return [...found].sort().join(' ');
}
const LEGAL_FORM_KEYS: [RegExp, string][] = [
  [/股份有限公司/g, 'gufen'],
  [/有限责任公司|有限責任公司|有限公司/g, 'youxian'],
  [/株式会社/g, 'kk'],
  [/公司/g, 'gongsi'],
  [/\b(limited|ltd)\b/g, 'ltd'],
  [/\b(corporation|corp)\b/g, 'corp'],
  [/\b(company|co)\b/g, 'co'],
  [/\b(incorporated|inc)\b/g, 'inc'],
  [/\b(plc|llc|gmbh|ag|sa|nv|bv)\b/g, 'other'],
];

/** Scores one query form against one owner's name and offers the result. */
function consider(
  best: Map<SupplierSpec, Offer>,
  qf: QueryForm,
  form: NameForm,
  owner: Owner,
  ambiguous: ReadonlySet<string>,
) {
  if (!comparable(qf, form, owner)) return;
  let { score, features } = scoreRegistered(qf.form, form);
  if (score < THRESHOLDS.possible) return;
  // The same words as two reference companies (a parent and its listed arm): the legal forms tell them apart.
  const core = owner.sourceCore ?? form.core;
  const qForms = legalFormsOf(qf.form.raw);
  if (
    features[0]?.feature === 'same name' &&
    (ambiguous.has(core) || ambiguous.has(`${owner.supplier.tenantId}\u0000${core}`)) &&
    ![owner.text, ...(owner.alsoWritten ?? [])].some((t) => legalFormsOf(t) === qForms)
  ) {
    score = AMBIGUOUS_SAME_WORDS;
    features = [
      {
        feature: 'same words as another company, different legal form',
        effect: AMBIGUOUS_SAME_WORDS,
        detail: `${legalFormsOf(qf.form.raw) || 'none'} / ${legalFormsOf(owner.text) || 'none'}`,
      },
    ];
  }
  let romanised: string | undefined;
  if (qf.romanised || owner.romanised) {
    romanised = qf.romanised ? qf.form.core : form.core;
    if (score > ROMANISED_CAP) {
      features = [...features, { feature: 'romanised (pinyin-pro)', effect: ROMANISED_CAP - score, detail: romanised }];
      score = ROMANISED_CAP;
    } else features = [...features, { feature: 'romanised (pinyin-pro)', effect: 0, detail: romanised }];
  }
  offer(best, owner, score, features, romanised);
}

/**
 * The score of event name `q` against a name the supplier registered. A name identical after normalisation to a
 * registered legal name, former name or alias IS that supplier (score 0.98, "same name"), even when every word of it
 * is an industry or place word ("Xiamen Tungsten Co., Ltd." / 厦门钨业股份有限公司, issue 10): the buyer registered that
 * exact name. score.ts's lower scores for industry-and-place-only names apply to partial matches only. (Screening
 * rescores list names with score.ts itself, where a generic list name must not hit.)
 */
function scoreRegistered(q: NameForm, a: NameForm): { score: number; features: ScoreFeature[] } {
  if (q.core !== '' && q.core === a.core)
    return { score: 0.98, features: [{ feature: 'same name', effect: 0.98, detail: q.core }] };
  return scoreNames(q, a);
}

function offer(
  best: Map<SupplierSpec, Offer>,
  owner: Owner,
  score: number,
  features: ScoreFeature[],
  romanised?: string,
) {
  const current = best.get(owner.supplier);
  if (current && (current.score > score || (current.score === score && current.rank <= owner.rank))) return;
  const origin: HitOrigin = {};
  if (romanised) origin.romanised = romanised;
  if (owner.reference) origin.reference = owner.reference;
  const hit: Offer = {
    supplier: owner.supplier,
    band: 'POSSIBLE',
    score,
    matchedName: { kind: owner.kind, value: owner.text },
    features,
    nameKey: '',
    rank: owner.rank,
  };
  if (romanised || owner.reference) hit.origin = origin;
  best.set(owner.supplier, hit);
}

function idFeatures(id: CompanyId): ScoreFeature[] {
  return [{ feature: id.scheme === 'TICKER' ? 'same ticker' : `same ${id.scheme}`, effect: 1, detail: id.value }];
}

function conflicts(ids: CompanyId[], scheme: 'USCC' | 'LEI', own: string | null | undefined): boolean {
  if (!own) return false;
  const theirs = ids.filter((i) => i.scheme === scheme).map((i) => i.value);
  return theirs.length > 0 && !theirs.includes(own.toUpperCase());
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
