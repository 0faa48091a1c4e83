/**
 * What an alert or the exposure means for the tenant's parts (issue 15, docs/parts.md), as the API computes it: the
 * sentence, parts, products, annual spend per currency (never summed across currencies: one line per currency),
 * quantities, element mass at risk in kg/year, and each part's sourcing situation in words.
 */
import { Link } from '@tanstack/react-router';
import type { AffectedPart, ImpactSummary, Money, Quantity, SourcingSituation } from '../api/client';

const LOCALE = 'en-GB';

/** A decimal string as Intl formats it (the string form keeps every digit; numbers only as a fallback). */
function fmt(value: string, options: Intl.NumberFormatOptions): string {
  const f = new Intl.NumberFormat(LOCALE, options);
  try {
    return f.format(value as unknown as number);
  } catch {
    return f.format(Number(value));
  }
}

/** Money with its ISO 4217 code, e.g. "EUR 6,240,000.00" (the currency's own minor digits: "JPY 990"). */
export function formatMoney(m: Money): string {
  try {
    return fmt(m.amount, { style: 'currency', currency: m.currency, currencyDisplay: 'code' });
  } catch {
    return `${m.currency} ${m.amount}`;
  }
}

/** A mass in kilograms per year, e.g. "192 kg/year", "0.5 kg/year". */
export function formatKgPerYear(kg: string): string {
  return `${fmt(kg, { maximumFractionDigits: Number(kg) < 10 ? 3 : 1 })} kg/year`;
}

/** A quantity per year with its unit: "480,000 pieces/year", "1,200 kg/year". */
export function formatQuantity(q: Quantity): string {
  return q.unit === 'KG' ? formatKgPerYear(q.amount) : `${fmt(q.amount, {})} pieces/year`;
}

/** A share of volume 0..1 as a percentage ("70 %"), or "share not known". */
export function formatShare(share: string | null): string {
  return share === null ? 'share not known' : fmt(share, { style: 'percent', maximumFractionDigits: 1 });
}

/** Each sourcing situation in words and a symbol: colour is never the only signal. */
export const SOURCING_LABEL: Record<SourcingSituation, { icon: string; text: string; cls: string }> = {
  SOLE_SOURCED_FROM_AFFECTED: { icon: '▲', text: 'Sole-sourced from an affected supplier', cls: 'src-sole' },
  DUAL_SOURCED_WITH_UNAFFECTED: { icon: '◐', text: 'Dual-sourced with an unaffected supplier', cls: 'src-dual' },
  SINGLE_SOURCED: { icon: '■', text: 'Single-sourced (supplier not named by the alert)', cls: 'src-single' },
  NO_SUPPLIER_ON_FILE: { icon: '?', text: 'No supplier on file', cls: 'src-none' },
};

export function SourcingBadge({ sourcing }: { sourcing: SourcingSituation }) {
  const s = SOURCING_LABEL[sourcing];
  return (
    <span className={`badge ${s.cls}`}>
      <span aria-hidden="true">{s.icon} </span>
      {s.text}
    </span>
  );
}

/**
 * The impact's figures as a description list, one line per currency and per element; `compact`: the sentence and
 * three lines (spend per currency, mass per element, sole-sourced parts) for a side column.
 */
export function ImpactFigures({ impact, compact = false }: { impact: ImpactSummary; compact?: boolean }) {
  if (impact.parts === 0) return <p className="muted">None of your parts on file is reached.</p>;
  if (compact)
    return (
      <>
        <p className="impact-headline">{impact.headline}</p>
        <ul className="plain small-text">
          <li>
            Annual spend at risk (per currency, not summed):{' '}
            {impact.annualSpend.map(formatMoney).join(' · ') || 'none on file'}
          </li>
          <li>
            Element mass at risk:{' '}
            {impact.elementMass.map((e) => `${e.symbol} ${formatKgPerYear(e.kgPerYear)}`).join(' · ') || 'not known'}
          </li>
          <li>Sole-sourced from an affected supplier: {impact.sourcing.SOLE_SOURCED_FROM_AFFECTED} part(s)</li>
        </ul>
      </>
    );
  return (
    <>
      <p className="impact-headline">{impact.headline}</p>
      <dl className="figures">
        <div>
          <dt>Parts affected</dt>
          <dd>{impact.parts}</dd>
        </div>
        <div>
          <dt>Products affected</dt>
          <dd>{impact.products}</dd>
        </div>
        <div>
          <dt>Annual spend at risk</dt>
          <dd>
            {impact.annualSpend.length === 0 ? (
              'none on file'
            ) : (
              <ul className="plain">
                {impact.annualSpend.map((m) => (
                  <li key={m.currency}>{formatMoney(m)}</li>
                ))}
              </ul>
            )}
            {impact.partsWithoutSpend > 0 && (
              <span className="muted"> ({impact.partsWithoutSpend} part(s) without a spend on file)</span>
            )}
          </dd>
        </div>
        {impact.annualQuantity.length > 0 && (
          <div>
            <dt>Annual quantity</dt>
            <dd>
              <ul className="plain">
                {impact.annualQuantity.map((q) => (
                  <li key={q.unit}>{formatQuantity(q)}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        <div>
          <dt>Element mass at risk</dt>
          <dd>
            {impact.elementMass.length === 0 ? (
              'not known'
            ) : (
              <ul className="plain">
                {impact.elementMass.map((e) => (
                  <li key={e.symbol}>
                    {e.symbol} {formatKgPerYear(e.kgPerYear)}
                    {e.partsWithUnknownMass > 0 && (
                      <span className="muted"> (+{e.partsWithUnknownMass} part(s) of unknown mass)</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>Sole-sourced from an affected supplier</dt>
          <dd>
            {impact.sourcing.SOLE_SOURCED_FROM_AFFECTED} part(s)
            {impact.soleSourcedFrom.length > 0 && (
              <span className="muted">
                {' '}
                ({impact.soleSourcedFrom.map((s) => `${s.parts} from ${s.name}`).join('; ')})
              </span>
            )}
          </dd>
        </div>
      </dl>
    </>
  );
}

/** The affected parts, each linking to its drill-down on the parts page. */
export function AffectedPartList({ parts }: { parts: AffectedPart[] }) {
  return (
    <ul className="affected-parts">
      {parts.map((p) => (
        <li key={p.partId}>
          <Link to="/parts" search={{ part: p.partId }}>
            <strong>{p.partNumber}</strong>
          </Link>
          {p.description && <span className="muted"> {p.description}</span>}
          <div>
            <SourcingBadge sourcing={p.sourcing} />
            {p.annualSpend && <span> · {formatMoney(p.annualSpend)}/year</span>}
            {p.elementMass
              .filter((e) => e.kgPerYear !== null)
              .map((e) => (
                <span key={e.symbol}>
                  {' '}
                  · {e.symbol} {formatKgPerYear(e.kgPerYear!)}
                </span>
              ))}
          </div>
          {p.products.length > 0 && (
            <div className="muted small-text">In {p.products.map((x) => x.name).join('; ')}</div>
          )}
        </li>
      ))}
    </ul>
  );
}
