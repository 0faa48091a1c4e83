/**
 * Alert reasons for supplier hits: one readable sentence with how the supplier matched and the score.
 */
import type { MatchReason } from '@lodestone/shared-types';
import type { SupplierHit } from './resolver.js';

/**
 * How a hit matched, as words for a sentence: "its Chinese legal name", "its ticker XHKG:6680", "its alias "JL Mag"",
 * or for a name matched on some of its words "the distinctive words of its English legal name (jl, mag)"; a name
 * inherited from the public reference: "the short name "XTC" of your supplier (public reference: <source>)"; a
 * romanisation: "its Chinese legal name romanised as "xiamen wuye" (pinyin)"; initials: "the initials GRINM of ...";
 * a branch: "..., as a branch of it ("Xiamen Branch")"; extra words: "..., extra words set aside ("(Osaka, Japan)")".
 */
export function matchedBy(hit: SupplierHit): string {
  const { kind, value } = hit.matchedName;
  const idDetail = hit.features[0]?.detail ?? value;
  const ref = hit.origin?.reference;
  let what =
    kind === 'ticker'
      ? `its ticker ${idDetail}`
      : kind === 'USCC' || kind === 'LEI'
        ? `its ${kind} ${idDetail}`
        : kind === 'former name' || kind === 'alias' || kind === 'short name'
          ? `its ${kind} "${value}"`
          : ref
            ? `its ${kind} "${value}"`
            : `its ${kind}`;
  if (ref) what = `${what.replace(/^its /, 'the ')} of your supplier (public reference: ${ref.source})`;
  if (hit.origin?.romanised) what = `${what} romanised as "${hit.origin.romanised}" (pinyin)`;
  const shared = hit.features.find((f) => f.feature === 'distinctive words in common');
  const initials = hit.features.find((f) => f.feature.startsWith('initials'));
  let how = shared
    ? `the distinctive words of ${what} (${shared.detail})`
    : initials
      ? `the initials ${initials.detail.split(' = ')[0]} of ${what}`
      : what;
  const variant = hit.origin?.variant;
  if (variant?.kind === 'branch') how += `, as a branch of it ("${variant.tail}")`;
  else if (variant) how += `, extra words set aside ("${variant.tail}")`;
  return how;
}

/** The evidence of a hit, one line per score feature, e.g. "distinctive words in common: jl, mag (+0.96)". */
export function hitEvidence(hit: SupplierHit): string[] {
  return hit.features.map(
    (f) => `${f.feature}${f.detail ? `: ${f.detail}` : ''} (${f.effect >= 0 ? '+' : ''}${f.effect.toFixed(2)})`,
  );
}

/**
 * The reason for one supplier hit on an event party (`field` exporterName or endUser, `party` the name as the event
 * gives it). A MATCH gives via SUPPLIER_EXPORTER / SUPPLIER_END_USER and e.g. "Your supplier JL MAG Rare-Earth Co.,
 * Ltd. matched exporter 江西金力永磁科技股份有限公司 by its Chinese legal name (score 0.98)"; a POSSIBLE hit gives via
 * SUPPLIER_POSSIBLE and a sentence asking a buyer to confirm or reject it.
 */
export function supplierReason(hit: SupplierHit, field: 'exporterName' | 'endUser', party: string): MatchReason {
  const role = field === 'exporterName' ? 'exporter' : 'end user';
  const label = hit.supplier.legalNameEn;
  const score = hit.score.toFixed(2);
  const how = matchedBy(hit);
  const reason: MatchReason = {
    via:
      hit.band === 'POSSIBLE'
        ? 'SUPPLIER_POSSIBLE'
        : field === 'exporterName'
          ? 'SUPPLIER_EXPORTER'
          : 'SUPPLIER_END_USER',
    subject: { type: 'SUPPLIER', supplierId: hit.supplier.id, label },
    matched: { field, value: party },
    text:
      hit.band === 'POSSIBLE'
        ? `Possible match: your supplier ${label} may be ${role} ${party}, by ${how} (score ${score}); confirm or reject it`
        : `Your supplier ${label} matched ${role} ${party} by ${how}${hit.confirmed ? ', as confirmed by a buyer' : ''} (score ${score})`,
    score: hit.score,
    evidence: hitEvidence(hit),
    nameKey: hit.nameKey,
  };
  return reason;
}
