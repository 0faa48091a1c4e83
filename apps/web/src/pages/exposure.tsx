import { useQuery } from '@tanstack/react-query';
import { Link, Navigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, type MeasureStatus } from '../api/client';
import { PERIODIC } from '../components/periodic';
import {
  ErrorMessage,
  formatDate,
  Loading,
  MEASURE_STATUS_LABEL,
  MeasureStatusBadge,
  SeverityBadge,
} from '../components/ui';
import { type ElementExposure, useExposure } from '../hooks/exposure';
import { useSession } from '../session';

/** Short text shown inside a cell with its status (colour is never the only signal). */
const CELL_LABEL: Record<MeasureStatus, string> = {
  IN_FORCE: 'In force',
  AMENDED: 'Amended',
  SUSPENDED: 'Susp.',
  PROPOSED: 'Proposed',
  REPORTED: 'Reported',
  LIFTED: 'Lifted',
  EXPIRED: 'Expired',
};

export function ExposurePage() {
  const { user } = useSession();
  if (user?.role === 'PLATFORM_ADMIN') return <Navigate to="/admin" search={{}} replace />;
  return <TenantExposure />;
}

function TenantExposure() {
  const exposure = useExposure();
  const elements = useQuery({ queryKey: ['elements'], queryFn: api.elements, staleTime: Number.POSITIVE_INFINITY });
  const [selected, setSelected] = useState<string | null>(null);

  if (exposure.isPending) return <Loading what="your exposure" />;
  if (exposure.error) return <ErrorMessage error={exposure.error} />;
  const x = exposure.data;
  const names = new Map((elements.data ?? []).map((e) => [e.symbol, e]));
  const reached = [...x.elements.values()].filter((e) => e.reachesTenant);
  const inForce = reached.filter((e) => e.status === 'IN_FORCE' || e.status === 'AMENDED');
  const sel = selected ? x.elements.get(selected) : undefined;
  const nameOf = (s: string) => {
    const n = names.get(s);
    return n ? `${n.nameEn} (${n.nameZh})` : s;
  };

  return (
    <div className="page">
      <h1>Exposure</h1>
      {x.watches.length === 0 && (
        <section className="card callout" aria-labelledby="first-step">
          <h2 id="first-step">First step: tell Lodestone what you buy</h2>
          <p>
            Add the elements, customs codes or control-list entries you source on the{' '}
            <Link to="/watchlist">watchlist</Link>, and your suppliers on the <Link to="/suppliers">suppliers</Link>{' '}
            page. The table below already shows every measure Lodestone knows.
          </p>
        </section>
      )}
      <p className="summary" aria-live="polite">
        <strong>{inForce.length}</strong> of the elements that reach you are under a measure in force;{' '}
        <strong>{x.alerts.filter((a) => a.status === 'OPEN').length}</strong> open alerts;{' '}
        <strong>{x.watches.length}</strong> watches; <strong>{x.suppliers.length}</strong> suppliers.
      </p>
      <div className="exposure-grid">
        <section aria-labelledby="pt-title" className="card">
          <h2 id="pt-title">Elements by strongest measure status</h2>
          <Legend />
          <div className="periodic" role="group" aria-label="Periodic table">
            {PERIODIC.map(([symbol, row, col]) => {
              const e = x.elements.get(symbol);
              return (
                <ElementCell
                  key={symbol}
                  symbol={symbol}
                  row={row}
                  col={col}
                  e={e}
                  name={nameOf(symbol)}
                  selected={selected === symbol}
                  onSelect={() => setSelected(symbol === selected ? null : symbol)}
                />
              );
            })}
          </div>
          <h3>Elements that reach you</h3>
          <ul className="plain reach-list">
            {reached
              .sort((a, b) => a.symbol.localeCompare(b.symbol))
              .map((e) => (
                <li key={e.symbol}>
                  <button type="button" className="linklike" onClick={() => setSelected(e.symbol)}>
                    <strong>{e.symbol}</strong> {nameOf(e.symbol)}
                  </button>{' '}
                  {e.status ? <MeasureStatusBadge status={e.status} /> : <span className="badge">No measure</span>}{' '}
                  {e.watched && <span className="badge">★ watched</span>}{' '}
                  <span className="muted">
                    {e.measures.length} measure(s) · {e.alerts} alert(s)
                  </span>
                </li>
              ))}
          </ul>
          {sel && (
            <section className="element-detail" aria-labelledby="el-title">
              <h3 id="el-title">
                {sel.symbol} · {nameOf(sel.symbol)} {sel.status && <MeasureStatusBadge status={sel.status} />}
              </h3>
              <p>
                {sel.watched
                  ? 'On your watchlist. '
                  : sel.reachesTenant
                    ? 'Reaches you through your alerts. '
                    : 'Not on your watchlist. '}
                <Link to="/alerts" search={{ element: sel.symbol }}>
                  {sel.alerts} alert{sel.alerts === 1 ? '' : 's'} ({sel.openAlerts} open)
                </Link>
              </p>
              {sel.measures.length ? (
                <ul className="plain">
                  {sel.measures.map((m) => (
                    <li key={m.key}>
                      <MeasureStatusBadge status={m.status} />{' '}
                      <Link to="/measures/$key" params={{ key: m.key }}>
                        {m.title ?? m.label}
                      </Link>{' '}
                      <span className="muted">
                        {m.key}
                        {m.known ? '' : ' · known only from other announcements'}
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">No measure names {sel.symbol}.</p>
              )}
            </section>
          )}
        </section>
        <div className="side">
          <section className="card" aria-labelledby="changed-title">
            <h2 id="changed-title">What changed in the last 7 days</h2>
            <Changed x={x} />
          </section>
          <section className="card" aria-labelledby="sup-title">
            <h2 id="sup-title">Your suppliers</h2>
            {x.suppliers.length === 0 ? (
              <p>
                No suppliers yet. <Link to="/suppliers">Add or import suppliers</Link>.
              </p>
            ) : (
              <ul className="plain">
                {x.suppliers.map((s) => (
                  <li key={s.id}>
                    <strong>{s.legalNameEn}</strong>
                    {s.legalNameZh && (
                      <>
                        {' '}
                        <span lang="zh">{s.legalNameZh}</span>
                      </>
                    )}{' '}
                    <span className="muted">{s.country ?? ''}</span>
                    <br />
                    <Link to="/alerts" search={{ supplierId: s.id }}>
                      {x.alertsBySupplier.get(s.id) ?? 0} alert(s) naming this supplier
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}

function Legend() {
  const shown: MeasureStatus[] = ['IN_FORCE', 'SUSPENDED', 'PROPOSED', 'REPORTED', 'LIFTED'];
  return (
    <ul className="legend" aria-label="Legend">
      {shown.map((s) => (
        <li key={s}>
          <span className={`swatch ms-${s.toLowerCase()}`} aria-hidden="true" /> {MEASURE_STATUS_LABEL[s]}
        </li>
      ))}
      <li>
        <span className="swatch none" aria-hidden="true" /> None
      </li>
      <li>
        <span className="swatch elsewhere" aria-hidden="true" /> Measure, does not reach you
      </li>
      <li>
        <span aria-hidden="true">★</span> watched
      </li>
    </ul>
  );
}

function ElementCell(props: {
  symbol: string;
  row: number;
  col: number;
  e: ElementExposure | undefined;
  name: string;
  selected: boolean;
  onSelect: () => void;
}) {
  const { symbol, row, col, e, name, selected, onSelect } = props;
  const status = e?.status ?? null;
  const active = !!e && (e.reachesTenant || e.measures.length > 0);
  const described = [
    status ? MEASURE_STATUS_LABEL[status] : 'no measure',
    e?.watched ? 'watched' : null,
    e?.measures.length ? `${e.measures.length} measure(s)` : null,
    e?.alerts ? `${e.alerts} alert(s)` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const cls = [
    'el',
    status && (e?.reachesTenant ?? false) ? `ms-${status.toLowerCase()}` : status ? 'elsewhere' : 'none',
    e?.watched ? 'watched' : '',
    selected ? 'selected' : '',
  ].join(' ');
  const style = { gridRow: row, gridColumn: col };
  if (!active)
    return (
      <span className={cls} style={style} title={name}>
        <span className="sym">{symbol}</span>
      </span>
    );
  return (
    <button
      type="button"
      className={cls}
      style={style}
      aria-pressed={selected}
      onClick={onSelect}
      title={`${name}: ${described}`}
    >
      <span className="sym">
        {symbol}
        {e?.watched && <span aria-hidden="true">★</span>}
      </span>
      <span className="visually-hidden">
        {' '}
        {name}: {described}
      </span>
      {status && (
        <span className="st" aria-hidden="true">
          {CELL_LABEL[status]}
        </span>
      )}
      {(e?.measures.length ?? 0) > 0 && (
        <span className="cnt" aria-hidden="true">
          {e?.measures.length}m{e?.alerts ? ` · ${e.alerts}a` : ''}
        </span>
      )}
    </button>
  );
}

function Changed({ x }: { x: NonNullable<ReturnType<typeof useExposure>['data']> }) {
  const { measures, alerts } = x.changed;
  if (!measures.length && !alerts.length) {
    const latest = [...x.alerts].slice(0, 3);
    return (
      <>
        <p>Nothing changed in the last 7 days.</p>
        {latest.length > 0 && (
          <>
            <h3 className="small">Latest alerts</h3>
            <ul className="plain">
              {latest.map((a) => (
                <li key={a.id}>
                  <SeverityBadge severity={a.severity} />{' '}
                  <Link to="/alerts" search={{ alert: a.id }}>
                    {a.title}
                  </Link>{' '}
                  <span className="muted">{formatDate(a.createdAt)}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </>
    );
  }
  return (
    <ul className="plain">
      {alerts.map((a) => (
        <li key={a.id}>
          <SeverityBadge severity={a.severity} />{' '}
          <Link to="/alerts" search={{ alert: a.id }}>
            {a.title}
          </Link>
        </li>
      ))}
      {measures.slice(0, 8).map((m) => (
        <li key={m.key}>
          <MeasureStatusBadge status={m.status} />{' '}
          <Link to="/measures/$key" params={{ key: m.key }}>
            {m.title ?? m.label}
          </Link>{' '}
          <span className="muted">
            {m.key}
            {m.known ? '' : ' · known only from other announcements'}
          </span>
        </li>
      ))}
      {measures.length > 8 && <li className="muted">and {measures.length - 8} more measure(s)</li>}
    </ul>
  );
}
