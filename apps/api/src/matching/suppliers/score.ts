/**
 * Scores how well a name (from an event) matches one name of a supplier. Pure; no I/O.
 */
import type { NameForm } from './name.js';

/** One feature that contributed to a score, with its effect on it. */
export interface ScoreFeature {
  /** e.g. "same name", "distinctive words", "extra place in the event's name". */
  feature: string;
  /** Signed contribution to the score (0..1 scale). */
  effect: number;
  /** The units involved, e.g. `jl, mag`. */
  detail: string;
}

export interface NameScore {
  /** In [0, 1], rounded to 2 decimals. 0 means no evidence at all. */
  score: number;
  features: ScoreFeature[];
}

/**
 * Thresholds: a score >= MATCH is the same supplier; POSSIBLE <= score < MATCH asks a buyer to confirm or reject.
 * Chosen on the rules below (an unqualified name sharing all distinctive words with nothing contradicting scores 0.9
 * or more; one contradiction takes it below 0.85), not fitted to a data set.
 */
export const THRESHOLDS = { match: 0.85, possible: 0.6 } as const;

/** Industry words that name an organisation's shape rather than its line of business. */
const ORGANISATION_WORDS = new Set([
  'group',
  'holding',
  'hightech',
  'tech',
  'newtech',
  'industry',
  'development',
  'investment',
  'intl',
  'science',
  'enterprise',
  'share',
  'shares',
  'stock',
  'new',
  'advanced',
  'global',
  'national',
  'general',
  'state',
  'owned',
  'joint',
]);
/** Organisation words that, added to a name, make another legal entity (a subsidiary or investment arm). */
const SUBSIDIARY_WORDS = new Set(['intl', 'investment', 'trading', 'capital', 'ventures', 'development']);

/** Words that name a group's listed joint-stock arm (股份, romanised gufen, English shares). */
const LISTED_ARM_WORDS = new Set(['股份', 'gufen', 'shares']);

/** Shared distinctive weight below which a name-only match is at most possible (e.g. just "MP" or "Neo"). */
const MIN_SHARED_WEIGHT = 4;

/** The "distinctive words in common" feature is BASE + SPAN x coverage (see {@link scoreNames}). */
const SHARED_FEATURE = 'distinctive words in common';
const BASE = 0.6;
const SPAN = 0.36;

/**
 * The coverage of a score's shared distinctive words, in [0, 1]: (share of the event name's distinctive weight they
 * make up) x (share of the supplier name's), read back from the "distinctive words in common" feature. 1 for
 * identical names and identifiers (nothing left unshared); 0 when the score rests on no distinctive word (e.g. a name
 * of industry and place words only).
 */
export function sharedCoverage(features: ScoreFeature[]): number {
  const shared = features.find((f) => f.feature === SHARED_FEATURE);
  if (shared) return Math.max(0, Math.min(1, (shared.effect - BASE) / SPAN));
  // Identical names ("same name") and identifiers in common ("same ticker", "same USCC", "same LEI": resolver.ts).
  return features.some((f) => f.feature === 'same name' || /^same (ticker|USCC|LEI)$/.test(f.feature)) ? 1 : 0;
}

const show = (units: Iterable<string>) => [...units].map((u) => u.replace(/^[lc]:/, '')).join(', ');

/**
 * The score of event name `q` against supplier name `a`:
 * - identical cores: 0.98; 0.90 when every word is an industry or place word, with a place and two or more industry
 *   words ("China Rare Earth Group"); otherwise 0.70, possible at most ("Rare Earth Group" alone never passes);
 * - otherwise, with D the distinctive units shared (by weight; spacing variants count via the fingerprint),
 *   0.60 + 0.36 x (share of q's distinctive weight in D) x (share of a's in D), then: a place in q that a lacks
 *   -0.25 (a subsidiary or a different company named after a place: "Leshan Shenghe ..."), an industry word in q that a
 *   lacks -0.04 each, both names having industry words the other lacks -0.15 (a different line of business in the
 *   same group), q written as a full legal name (with a legal form) lacking a line-of-business word of a -0.15 (a sister
 *   company or namesake: "Sumitomo Corporation" against "Sumitomo Metal Mining Co., Ltd."), a subsidiary word
 *   (International, Investment ...) only q has, or a line-of-business word only q has against a full legal name, a
 *   having none q lacks, -0.12, each word of a missing from q -0.01 (q is an abbreviation of a); capped at 0.84 when D weighs less than
 *   4 (two letters in common are not a company);
 * - no distinctive unit in common and different cores: 0.
 */
export function scoreNames(q: NameForm, a: NameForm): NameScore {
  if (q.core !== '' && q.core === a.core) {
    if (q.distinctiveWeight > 0)
      return { score: 0.98, features: [{ feature: 'same name', effect: 0.98, detail: q.core }] };
    const score = q.places.size >= 1 && q.generic.size >= 2 ? 0.9 : 0.7;
    return {
      score,
      features: [{ feature: 'same name, industry and place words only', effect: score, detail: q.core }],
    };
  }
  if (q.distinctiveWeight === 0 || a.distinctiveWeight === 0) return { score: 0, features: [] };
  let shared = 0;
  const sharedUnits: string[] = [];
  for (const [unit, w] of q.distinctive) {
    if (a.distinctive.has(unit)) {
      shared += w;
      sharedUnits.push(unit);
    }
  }
  let sharedWeightQ = shared;
  let sharedWeightA = shared;
  if (q.fingerprint !== '' && q.fingerprint === a.fingerprint) {
    // Same Latin words but spaced differently ("Zhongkesanhuan" / "Zhong Ke San Huan"): count them all as shared.
    let latinQ = 0;
    let latinA = 0;
    let sharedLatin = 0;
    for (const [u, w] of q.distinctive) if (u.startsWith('l:')) latinQ += w;
    for (const [u, w] of a.distinctive) if (u.startsWith('l:')) latinA += w;
    for (const u of sharedUnits) if (u.startsWith('l:')) sharedLatin += q.distinctive.get(u)!;
    sharedWeightQ = shared - sharedLatin + latinQ;
    sharedWeightA = shared - sharedLatin + latinA;
    if (sharedLatin < latinQ || sharedLatin < latinA) sharedUnits.push(`l:${q.fingerprint}`);
  }
  if (sharedWeightQ === 0) return { score: 0, features: [] };
  const coverage = (sharedWeightQ / q.distinctiveWeight) * (sharedWeightA / a.distinctiveWeight);
  const features: ScoreFeature[] = [
    { feature: SHARED_FEATURE, effect: BASE + SPAN * coverage, detail: show(sharedUnits) },
  ];
  const extraPlaces = [...q.places].filter((p) => !a.places.has(p));
  if (extraPlaces.length)
    features.push({ feature: "place in the event's name only", effect: -0.25, detail: extraPlaces.join(', ') });
  // A place alone in brackets in the supplier's name ("JL MAG Rare Earth (Baotou) Co., Ltd.") names a subsidiary or
  // local company: the group's name without that place is not it.
  const bracketOnlyA = [...a.bracketPlaces].filter((p) => !q.places.has(p));
  if (bracketOnlyA.length)
    features.push({
      feature: "place in brackets in the supplier's name only",
      effect: -0.25,
      detail: bracketOnlyA.join(', '),
    });
  const extraGenericQ = [...q.generic].filter((g) => !a.generic.has(g));
  const extraGenericA = [...a.generic].filter((g) => !q.generic.has(g));
  if (extraGenericQ.length) {
    features.push({
      feature: "industry words in the event's name only",
      effect: -0.04 * extraGenericQ.length,
      detail: extraGenericQ.join(', '),
    });
  }
  if (extraGenericQ.length && extraGenericA.length) {
    features.push({
      feature: 'different industry words',
      effect: -0.15,
      detail: `${extraGenericQ.join(', ')} / ${extraGenericA.join(', ')}`,
    });
  }
  // A line of business only one side names tells two companies of a group apart. A full legal name (with its legal
  // form) without one of the supplier's line-of-business words is a sister company or namesake ("Sumitomo
  // Corporation", "Sumitomo Mining Co., Ltd." against "Sumitomo Metal Mining Co., Ltd."), not a short form; a line of
  // business or entity word only the event's name has marks a subsidiary ("Minmetals Rare Earth" against "China
  // Minmetals Corporation", "Zijin Mining International" against "Zijin Mining").
  const businessA = extraGenericA.filter((g) => !ORGANISATION_WORDS.has(g));
  if (q.legalForm && businessA.length)
    features.push({
      feature: "full legal name without the supplier's line of business",
      effect: -0.15,
      detail: businessA.join(', '),
    });
  // Line-of-business words count when the supplier's name is a full legal name (so that they are not just left out of
  // a short name the buyer registered, "Iluka" for Iluka Resources); subsidiary words count always.
  const businessQ = extraGenericQ.filter((g) =>
    SUBSIDIARY_WORDS.has(g) ? true : a.legalForm && !ORGANISATION_WORDS.has(g),
  );
  if (businessQ.length && !extraGenericA.length)
    features.push({
      feature: "line of business or entity word in the event's name only",
      effect: -0.12,
      detail: businessQ.join(', '),
    });
  // "股份" (joint-stock, the listed arm) on one side only: a group and its listed company ("包钢" / "包钢股份").
  const listedQ = [...q.generic].some((g) => LISTED_ARM_WORDS.has(g));
  const listedA = [...a.generic].some((g) => LISTED_ARM_WORDS.has(g));
  if (listedQ !== listedA)
    features.push({
      feature: 'listed arm on one side only (股份)',
      effect: -0.15,
      detail: listedQ ? 'event' : 'supplier',
    });
  const missingFromQ = extraGenericA.length + [...a.places].filter((p) => !q.places.has(p)).length;
  if (missingFromQ)
    features.push({
      feature: "supplier's words missing from the event's name",
      effect: -0.01 * missingFromQ,
      detail: '',
    });
  let score = features.reduce((s, f) => s + f.effect, 0);
  if (Math.min(sharedWeightQ, sharedWeightA) < MIN_SHARED_WEIGHT && score >= THRESHOLDS.match) {
    features.push({ feature: 'too little in common to be sure', effect: THRESHOLDS.match - 0.01 - score, detail: '' });
    score = THRESHOLDS.match - 0.01;
  }
  return { score: Math.max(0, Math.min(1, Math.round(score * 100) / 100)), features };
}
