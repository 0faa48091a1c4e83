import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { api } from '../api/client';
import { ErrorMessage, formatDate, Loading, MeasureStatusBadge } from '../components/ui';

/** One measure: status timeline with the events of every source, items and codes, and what of the tenant's it reaches. */
export function MeasurePage() {
  const { key } = useParams({ from: '/app/measures/$key' });
  const measure = useQuery({ queryKey: ['measure', key], queryFn: () => api.measure(key) });
  const watchlist = useQuery({ queryKey: ['watchlist'], queryFn: api.watchlist });
  const alerts = useQuery({ queryKey: ['alerts', { limit: 200 }], queryFn: () => api.alerts({ limit: 200 }) });

  if (measure.isPending) return <Loading what="the measure" />;
  if (measure.error) return <ErrorMessage error={measure.error} />;
  const m = measure.data;
  const elements = [...new Set(m.timeline.flatMap((s) => s.event.elements))];
  const eventIds = new Set(m.timeline.map((s) => s.event.id));
  const reachedAlerts = (alerts.data?.items ?? []).filter((a) => a.policyChangeId && eventIds.has(a.policyChangeId));
  const watches = (watchlist.data ?? []).filter(
    (w) =>
      (w.elementSymbol && elements.includes(w.elementSymbol)) ||
      reachedAlerts.some((a) => a.reasons.some((r) => r.subject.type === 'WATCH' && r.subject.watchId === w.id)),
  );
  const suppliers = new Map<string, string>();
  for (const a of reachedAlerts)
    for (const r of a.reasons) if (r.subject.type === 'SUPPLIER') suppliers.set(r.subject.supplierId, r.subject.label);

  return (
    <div className="page">
      <p>
        <Link to="/">← Exposure</Link>
      </p>
      <h1>{m.title ?? m.label}</h1>
      {!m.known && (
        <p className="muted">
          Known only from other announcements that suspend, amend or cite it; not yet known: {m.unknown.join(', ')}.
        </p>
      )}
      <p>
        <MeasureStatusBadge status={m.status} /> <span className="muted">{m.key}</span>
      </p>
      <div className="two-col">
        <section className="card" aria-labelledby="tl-title">
          <h2 id="tl-title">Timeline</h2>
          <ol className="timeline">
            {m.timeline.map((s) => (
              <li key={`${s.event.id}-${s.role}`}>
                <p>
                  <strong>{s.occurredOn ?? formatDate(s.recordedAt)}</strong> ·{' '}
                  {s.action.toLowerCase().replace('_', ' ')} → <MeasureStatusBadge status={s.statusAfter} />{' '}
                  {!s.official && <span className="badge">unofficial</span>}
                </p>
                <p>
                  {s.event.sourceUrl ? (
                    <a href={s.event.sourceUrl} rel="noreferrer noopener" target="_blank">
                      {s.event.title}
                    </a>
                  ) : (
                    s.event.title
                  )}
                </p>
                <p className="muted">
                  {s.event.source} · {s.event.issuer} ({s.event.jurisdiction})
                  {s.event.reference ? ` · ${s.event.reference}` : ''}
                  {s.event.effectiveDate ? ` · effective ${s.event.effectiveDate}` : ''}
                  {s.event.endDate ? ` · until ${s.event.endDate}` : ''}
                </p>
              </li>
            ))}
          </ol>
        </section>
        <div className="side">
          <section className="card" aria-labelledby="items-title">
            <h2 id="items-title">Items covered</h2>
            <p>{elements.length ? elements.join(', ') : 'No element named.'}</p>
            <ControlEntries announcement={m.key} />
          </section>
          <section className="card" aria-labelledby="reach-title">
            <h2 id="reach-title">What of yours it reaches</h2>
            <h3 className="small">Watches</h3>
            {watches.length ? (
              <ul className="plain">
                {watches.map((w) => (
                  <li key={w.id}>{w.elementSymbol ?? w.hsPrefix ?? w.controlEntry}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">None of your watches.</p>
            )}
            <h3 className="small">Suppliers</h3>
            {suppliers.size ? (
              <ul className="plain">
                {[...suppliers].map(([id, label]) => (
                  <li key={id}>{label}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">None of your suppliers.</p>
            )}
            <h3 className="small">Alerts</h3>
            <ul className="plain">
              {reachedAlerts.map((a) => (
                <li key={a.id}>
                  <Link to="/alerts" search={{ alert: a.id }}>
                    {a.title}
                  </Link>
                </li>
              ))}
              {reachedAlerts.length === 0 && <li className="muted">No alert of yours.</li>}
            </ul>
          </section>
        </div>
      </div>
    </div>
  );
}

function ControlEntries({ announcement }: { announcement: string }) {
  const q = useQuery({
    queryKey: ['control-entries', announcement],
    queryFn: () => api.controlEntries({ announcement }),
  });
  if (!q.data?.length) return null;
  return (
    <details open={q.data.length <= 8}>
      <summary>{q.data.length} control-list entries with their customs codes</summary>
      <table>
        <caption>Control-list entries and customs codes</caption>
        <thead>
          <tr>
            <th scope="col">Entry</th>
            <th scope="col">Item</th>
            <th scope="col">Customs codes</th>
          </tr>
        </thead>
        <tbody>
          {q.data.map((e) => (
            <tr key={e.id}>
              <td>{e.entryCode ?? '—'}</td>
              <td>
                {e.itemEn} <span lang="zh">{e.itemZh}</span>
              </td>
              <td>{e.customsCodes.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
