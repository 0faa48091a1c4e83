import { Link, Navigate } from '@tanstack/react-router';
import { type ComponentProps, lazy, Suspense, useMemo, useState } from 'react';
import type { ExposureStatus, ExposureView, LicenceItem } from '../api/client';
import { ImpactFigures } from '../components/impact';
import { PERIODIC } from '../components/periodic';
import { DateTime, ErrorMessage, Loading, SeverityBadge } from '../components/ui';
import {
  alertsPerWeek,
  changedSince,
  type ElementExposure,
  elementsOf,
  entriesOf,
  type ExposureEntry,
  LAPSING_SOON_DAYS,
  SEVERITIES,
  useExposure,
} from '../hooks/exposure';
import { useSession } from '../session';

/** ECharts is a separate chunk, loaded when a chart is first shown (never part of the initial JavaScript). */
const BarChart = lazy(() => import('../components/charts'));

/** The class of a status (colour) and its words: colour is never the only signal. */
const STATUS_TEXT: Record<ExposureStatus, { cls: string; label: string; short: string }> = {
  IN_FORCE: { cls: 'ms-in_force', label: 'In force (licence needed)', short: 'In force' },
  SUSPENDED: { cls: 'ms-suspended', label: 'Suspended', short: 'Susp.' },
  PROPOSED: { cls: 'ms-proposed', label: 'Proposed', short: 'Proposed' },
  NEWS_ONLY: { cls: 'ms-reported', label: 'Reported by news only', short: 'News' },
  LAPSED: { cls: 'ms-lifted', label: 'Lapsed', short: 'Lapsed' },
  LIFTED: { cls: 'ms-lifted', label: 'Lifted', short: 'Lifted' },
  LICENCE_VALID: { cls: 'ms-in_force', label: 'Licence valid', short: 'Licence' },
  LICENCE_EXPIRED: { cls: 'ms-lifted', label: 'Licence expired', short: 'Expired' },
  LICENCE_PENDING: { cls: 'ms-proposed', label: 'Licence applied for', short: 'Pending' },
  LICENCE_REFUSED: { cls: 'ms-suspended', label: 'Licence denied or revoked', short: 'Refused' },
};

/** Severity colours of the charts (the legend and the table name them in words). */
const SEVERITY_COLOR = { CRITICAL: '#7a0916', HIGH: '#c4320a', MEDIUM: '#b54708', LOW: '#175cd3', INFO: '#667085' };

export function ExposurePage() {
  const { user } = useSession();
  if (user?.role === 'PLATFORM_ADMIN') return <Navigate to="/admin" search={{}} replace />;
  return <TenantExposure />;
}

function TenantExposure() {
  const exposure = useExposure();
  const [selected, setSelected] = useState<string | null>(null);
  const view = useMemo(() => {
    if (!exposure.data) return null;
    const entries = entriesOf(exposure.data);
    return { x: exposure.data, elements: elementsOf(exposure.data), entries };
  }, [exposure.data]);

  if (exposure.isPending) return <Loading what="your exposure" />;
  if (exposure.error || !view) return <ErrorMessage error={exposure.error} />;
  const { x, elements, entries } = view;
  const reached = [...elements.values()].sort((a, b) => a.symbol.localeCompare(b.symbol));
  const sel = selected ? elements.get(selected) : undefined;

  return (
    <div className="page">
      <h1>Exposure</h1>
      {x.counts.watches === 0 && (
        <section className="card callout" aria-labelledby="first-step">
          <h2 id="first-step">First step: tell Lodestone what you buy</h2>
          <p>
            Add the elements, customs codes or control-list entries you source on the{' '}
            <Link to="/watchlist">watchlist</Link>, and your suppliers on the <Link to="/suppliers">suppliers</Link>{' '}
            page. Lodestone then matches every measure and licence it already knows against them at once, and this page
            shows what applies to you.
          </p>
        </section>
      )}
      <p className="summary">
        <strong>{x.counts.inForce}</strong> alert(s) on measures in force and <strong>{x.counts.suspended}</strong> on
        suspended ones; <strong>{x.counts.licencesValid}</strong> of <strong>{x.counts.licences}</strong> licence(s)
        valid; <strong>{x.counts.screeningHits}</strong> screening hit(s); <strong>{x.counts.watches}</strong> watches,{' '}
        <strong>{x.counts.suppliers}</strong> suppliers.{' '}
        <span className="muted">
          As of <DateTime iso={x.asOf} />.
        </span>
      </p>
      <div className="exposure-grid">
        <section aria-labelledby="pt-title" className="card">
          <h2 id="pt-title">Elements by strongest measure status</h2>
          <Legend />
          <div className="periodic" role="group" aria-label="Periodic table">
            {PERIODIC.map(([symbol, row, col]) => (
              <ElementCell
                key={symbol}
                symbol={symbol}
                row={row}
                col={col}
                e={elements.get(symbol)}
                selected={selected === symbol}
                onSelect={() => setSelected(symbol === selected ? null : symbol)}
              />
            ))}
          </div>
          <h3>Elements that reach you</h3>
          {reached.length === 0 ? (
            <p className="muted">No measure reaches your watches or suppliers yet.</p>
          ) : (
            <ul className="plain reach-list">
              {reached.map((e) => (
                <li key={e.symbol}>
                  <button type="button" className="linklike" onClick={() => setSelected(e.symbol)}>
                    <strong>{e.name.includes(`(${e.symbol})`) ? e.name : `${e.symbol} ${e.name}`}</strong>
                  </button>{' '}
                  <StatusBadge e={e} /> {e.watched && <span className="badge">★ watched</span>}{' '}
                  <span className="muted">
                    {e.measures.length} measure(s) · {e.group?.alertIds.length ?? 0} alert(s)
                  </span>
                </li>
              ))}
            </ul>
          )}
          {sel && <ElementDetail e={sel} />}
          {selected && !sel && (
            <section className="element-detail" aria-labelledby="el-title">
              <h3 id="el-title">{selected}</h3>
              <p className="muted">No measure reaches you through {selected}, and you do not watch it.</p>
            </section>
          )}
        </section>
        <div className="side">
          <section className="card impact" aria-labelledby="impact-title">
            <h2 id="impact-title">Impact on your parts</h2>
            <ImpactFigures impact={x.impact} compact />
            <p>
              <Link to="/parts" search={{}}>
                Your parts and what reaches each
              </Link>
            </p>
          </section>
          <section className="card" aria-labelledby="changed-title">
            <h2 id="changed-title">What changed in the last 7 days</h2>
            <Changed entries={entries} asOf={x.asOf} />
          </section>
          <section className="card" aria-labelledby="sup-title">
            <h2 id="sup-title">Your suppliers and their licences</h2>
            <Suppliers x={x} />
          </section>
        </div>
      </div>
      <div className="two-col charts">
        <AlertsPerWeek entries={entries} asOf={x.asOf} />
        <ExposureByElement elements={reached.filter((e) => e.group)} />
      </div>
    </div>
  );
}

function StatusBadge({ e }: { e: ElementExposure }) {
  if (!e.status) return <span className="badge">No measure</span>;
  const t = STATUS_TEXT[e.status];
  return (
    <span className={`badge ${t.cls}`}>
      {t.label}
      {e.until ? ` until ${e.until}` : ''}
      {e.lapsingSoon ? ' · lapsing soon' : ''}
    </span>
  );
}

function ElementDetail({ e }: { e: ElementExposure }) {
  const alerts = e.group?.alertIds.length ?? 0;
  return (
    <section className="element-detail" aria-labelledby="el-title">
      <h3 id="el-title">
        {e.symbol} · {e.name} <StatusBadge e={e} />
      </h3>
      <p>
        {e.watched ? 'On your watchlist. ' : 'Reaches you through your suppliers or other watches. '}
        <Link to="/alerts" search={{ element: e.symbol }}>
          {alerts} alert{alerts === 1 ? '' : 's'} about {e.symbol}
        </Link>
      </p>
      {e.measures.length ? (
        <ul className="plain">
          {e.measures.map((m) => (
            <li key={m.key}>
              <span className={`badge ${STATUS_TEXT[m.status].cls}`}>{m.statusLabel}</span>{' '}
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
        <p className="muted">No measure reaches you through {e.symbol}.</p>
      )}
    </section>
  );
}

function Legend() {
  const shown: ExposureStatus[] = ['IN_FORCE', 'SUSPENDED', 'PROPOSED', 'NEWS_ONLY', 'LAPSED'];
  return (
    <ul className="legend" aria-label="Legend">
      {shown.map((s) => (
        <li key={s}>
          <span className={`swatch ${STATUS_TEXT[s].cls}`} aria-hidden="true" />{' '}
          {s === 'LAPSED' ? 'Lapsed or lifted' : STATUS_TEXT[s].label}
        </li>
      ))}
      <li>
        <span className="swatch lapsing" aria-hidden="true" /> Lapsing within {LAPSING_SOON_DAYS} days (dashed)
      </li>
      <li>
        <span className="swatch none" aria-hidden="true" /> None
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
  selected: boolean;
  onSelect: () => void;
}) {
  const { symbol, row, col, e, selected, onSelect } = props;
  const status = e?.status ?? null;
  const style = { gridRow: row, gridColumn: col };
  if (!e)
    return (
      <span className="el none" style={style}>
        <span className="sym">{symbol}</span>
      </span>
    );
  const alerts = e.group?.alertIds.length ?? 0;
  const described = [
    status ? STATUS_TEXT[status].label : 'no measure',
    e.until ? `until ${e.until}` : null,
    e.lapsingSoon ? 'lapsing soon' : null,
    e.watched ? 'watched' : null,
    e.measures.length ? `${e.measures.length} measure(s)` : null,
    alerts ? `${alerts} alert(s)` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const cls = [
    'el',
    status ? STATUS_TEXT[status].cls : 'none',
    e.lapsingSoon ? 'lapsing' : '',
    e.watched ? 'watched' : '',
    selected ? 'selected' : '',
  ].join(' ');
  return (
    <button
      type="button"
      className={cls}
      style={style}
      aria-pressed={selected}
      onClick={onSelect}
      title={`${e.name}: ${described}`}
    >
      <span className="sym">
        {symbol}
        {e.watched && <span aria-hidden="true">★</span>}
      </span>
      <span className="visually-hidden">
        {' '}
        {e.name}: {described}
      </span>
      {status && (
        <span className="st" aria-hidden="true">
          {STATUS_TEXT[status].short}
        </span>
      )}
      {(e.measures.length > 0 || alerts > 0) && (
        <span className="cnt" aria-hidden="true">
          {e.measures.length}m · {alerts}a
        </span>
      )}
    </button>
  );
}

function EntryLine({ e }: { e: ExposureEntry }) {
  return (
    <li>
      <SeverityBadge severity={e.severity} />{' '}
      <Link to="/alerts" search={{ alert: e.alertId }}>
        {e.title}
      </Link>{' '}
      <span className="muted">
        {e.statusLabel} · {e.reaches.join(', ')} · <DateTime iso={e.alertedAt} />
      </span>
    </li>
  );
}

function Changed({ entries, asOf }: { entries: ExposureEntry[]; asOf: string }) {
  const changed = changedSince(entries, asOf, 7);
  if (!changed.length)
    return (
      <>
        <p>Nothing new reached you in the last 7 days.</p>
        {entries.length > 0 && (
          <>
            <h3 className="small">Latest</h3>
            <ul className="plain">
              {entries.slice(0, 3).map((e) => (
                <EntryLine key={e.alertId} e={e} />
              ))}
            </ul>
          </>
        )}
      </>
    );
  return (
    <ul className="plain">
      {changed.slice(0, 10).map((e) => (
        <EntryLine key={e.alertId} e={e} />
      ))}
      {changed.length > 10 && (
        <li>
          <Link to="/alerts" search={{ from: new Date(Date.parse(asOf) - 7 * 86_400_000).toISOString().slice(0, 10) }}>
            and {changed.length - 10} more
          </Link>
        </li>
      )}
    </ul>
  );
}

function licenceText(l: LicenceItem): string {
  if (l.status === 'LICENCE_VALID' && l.daysToExpiry !== null)
    return l.daysToExpiry <= LAPSING_SOON_DAYS ? `expires in ${l.daysToExpiry} day(s)` : `${l.daysToExpiry} days left`;
  if (l.status === 'LICENCE_EXPIRED' && l.daysToExpiry !== null) return `expired ${-l.daysToExpiry} day(s) ago`;
  return '';
}

function Suppliers({ x }: { x: ExposureView }) {
  if (x.suppliers.length === 0)
    return (
      <p>
        No suppliers yet. <Link to="/suppliers">Add or import suppliers</Link> to see their licences and screening hits.
      </p>
    );
  return (
    <ul className="plain suppliers">
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
          {s.licences.length > 0 ? (
            <table className="licences">
              <caption className="visually-hidden">Licences held by {s.legalNameEn}</caption>
              <thead>
                <tr>
                  <th scope="col">Licence</th>
                  <th scope="col">Status</th>
                  <th scope="col">Valid to</th>
                </tr>
              </thead>
              <tbody>
                {s.licences.map((l) => (
                  <tr key={l.alertId} className={l.status === 'LICENCE_VALID' ? '' : 'row-warn'}>
                    <td>
                      <Link to="/alerts" search={{ alert: l.alertId }}>
                        {l.reference ?? l.title}
                      </Link>
                    </td>
                    <td>
                      <span className={`badge ${STATUS_TEXT[l.status].cls}`}>{STATUS_TEXT[l.status].label}</span>
                    </td>
                    <td>
                      {l.validTo ?? 'no end date'} <span className="muted">{licenceText(l)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted small-text">No licence of theirs is known.</p>
          )}
          <p className="small-text">
            <Link to="/alerts" search={{ supplierId: s.id }}>
              {s.measures.length} measure(s), {s.screeningHits.length} screening hit(s)
            </Link>
          </p>
        </li>
      ))}
    </ul>
  );
}

/** A chart with its table: the table is the accessible equivalent, the chart is hidden from assistive technology. */
function ChartCard(props: {
  id: string;
  title: string;
  summary: string;
  chart: ComponentProps<typeof BarChart>;
  table: { head: string[]; rows: (string | number)[][] };
}) {
  const { id, title, summary, chart, table } = props;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p className="muted">{summary}</p>
      <Suspense fallback={<div className="chart" style={{ height: chart.height ?? 240 }} />}>
        <BarChart {...chart} />
      </Suspense>
      <details>
        <summary>The numbers as a table</summary>
        {/* Focusable so that keyboard users can scroll a wide table. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable with the keyboard */}
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`${title}, table`}>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {table.head.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={String(r[0])}>
                  {r.map((c, i) =>
                    i === 0 ? (
                      <th key={table.head[i]} scope="row">
                        {c}
                      </th>
                    ) : (
                      <td key={table.head[i]}>{c}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

function AlertsPerWeek({ entries, asOf }: { entries: ExposureEntry[]; asOf: string }) {
  const weeks = useMemo(() => alertsPerWeek(entries, asOf, 12), [entries, asOf]);
  const chart = useMemo(
    () => ({
      categories: weeks.map((w) => w.weekStart.slice(5)),
      series: SEVERITIES.map((s) => ({
        name: s.charAt(0) + s.slice(1).toLowerCase(),
        data: weeks.map((w) => w.counts[s]),
        color: SEVERITY_COLOR[s],
      })),
    }),
    [weeks],
  );
  const total = weeks.reduce((n, w) => n + SEVERITIES.reduce((m, s) => m + w.counts[s], 0), 0);
  return (
    <ChartCard
      id="per-week-title"
      title="Alerts per week by severity"
      summary={`${total} alert(s) reaching you in the last 12 weeks (weeks start on Monday, UTC).`}
      chart={chart}
      table={{
        head: ['Week of', ...SEVERITIES.map((s) => s.charAt(0) + s.slice(1).toLowerCase())],
        rows: weeks.map((w) => [w.weekStart, ...SEVERITIES.map((s) => w.counts[s])]),
      }}
    />
  );
}

function ExposureByElement({ elements }: { elements: ElementExposure[] }) {
  const chart = useMemo(
    () => ({
      categories: elements.map((e) => e.symbol),
      horizontal: true,
      height: Math.max(160, 40 + elements.length * 22),
      series: [
        { name: 'In force', data: elements.map((e) => e.group?.counts.inForce ?? 0), color: '#b42318' },
        { name: 'Suspended', data: elements.map((e) => e.group?.counts.suspended ?? 0), color: '#b54708' },
        {
          name: 'Other measures',
          data: elements.map(
            (e) => (e.group?.counts.measures ?? 0) - (e.group?.counts.inForce ?? 0) - (e.group?.counts.suspended ?? 0),
          ),
          color: '#667085',
        },
        { name: 'Licences', data: elements.map((e) => e.group?.counts.licences ?? 0), color: '#175cd3' },
      ],
    }),
    [elements],
  );
  return (
    <ChartCard
      id="by-element-title"
      title="Exposure by element"
      summary={
        elements.length
          ? `Measure and licence alerts reaching you, for the ${elements.length} element(s) they name.`
          : 'Nothing reaches you yet.'
      }
      chart={chart}
      table={{
        head: ['Element', 'In force', 'Suspended', 'Other measures', 'Licences'],
        rows: elements.map((e, i) => [
          e.name.includes(`(${e.symbol})`) ? e.name : `${e.symbol} ${e.name}`,
          chart.series[0]!.data[i]!,
          chart.series[1]!.data[i]!,
          chart.series[2]!.data[i]!,
          chart.series[3]!.data[i]!,
        ]),
      }}
    />
  );
}
