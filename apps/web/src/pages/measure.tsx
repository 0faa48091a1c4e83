import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { api } from '../api/client';
import { MeasureTimeline } from '../components/timeline';
import { CalendarDate, ErrorMessage, Loading, MeasureStatusBadge, SeverityBadge } from '../components/ui';
import { entriesOf, useExposure } from '../hooks/exposure';
import { useSession } from '../session';

/** One measure: status timeline with the events of every source, items and codes, and what of the tenant's it reaches. */
export function MeasurePage() {
  const { key } = useParams({ from: '/app/measures/$key' });
  const measure = useQuery({ queryKey: ['measure', key], queryFn: () => api.measure(key) });
  // What of the tenant's it reaches: the API's exposure model (every alert, not a first page). A platform admin has no
  // tenant here: the timeline shows each event's fan-out instead.
  const platformAdmin = useSession().user?.role === 'PLATFORM_ADMIN';
  const exposure = useExposure(!platformAdmin);

  if (measure.isPending) return <Loading what="the measure" />;
  if (measure.error) return <ErrorMessage error={measure.error} />;
  const m = measure.data;
  const elements = [...new Set(m.timeline.flatMap((s) => s.event.elements))];
  const x = exposure.data;
  const group = x?.byMeasure.find((g) => g.key === m.key);
  const watches = (x?.watches ?? []).filter((w) => group?.watchIds.includes(w.id));
  const suppliers = (x?.suppliers ?? []).filter((sp) => group?.supplierIds.includes(sp.id));
  const entries = x ? entriesOf(x) : [];
  const reachedAlerts = entries.filter((e) => group?.alertIds.includes(e.alertId));

  return (
    <div className="page">
      <p>
        {platformAdmin ? (
          <Link to="/admin" search={{ tab: 'measures' }}>
            ← Platform: measures
          </Link>
        ) : (
          <Link to="/">← Exposure</Link>
        )}
      </p>
      <h1>{m.title ?? m.label}</h1>
      {!m.known && (
        <p className="muted">
          Known only from other announcements that suspend, amend or cite it; not yet known: {m.unknown.join(', ')}.
        </p>
      )}
      <p>
        <MeasureStatusBadge status={m.status} />
        {m.until && (
          <>
            {' '}
            until <CalendarDate date={m.until} />
          </>
        )}{' '}
        <span className="muted">{m.key}</span>
      </p>
      <div className="two-col">
        <section className="card" aria-labelledby="tl-title">
          <h2 id="tl-title">Timeline</h2>
          <MeasureTimeline measureKey={m.key} />
        </section>
        <div className="side">
          <section className="card" aria-labelledby="items-title">
            <h2 id="items-title">Items covered</h2>
            <p>{elements.length ? elements.join(', ') : 'No element named.'}</p>
            <ControlEntries announcement={m.key} />
          </section>
          {!platformAdmin && (
            <section className="card" aria-labelledby="reach-title">
              <h2 id="reach-title">What of yours it reaches</h2>
              {exposure.isPending && <Loading what="your exposure" />}
              <ErrorMessage error={exposure.error} />
              {group && (
                <p>
                  For you: <strong>{group.statusLabel}</strong>
                </p>
              )}
              <h3 className="small">Watches</h3>
              {watches.length ? (
                <ul className="plain">
                  {watches.map((w) => (
                    <li key={w.id}>
                      {w.label}
                      {w.jurisdiction ? ` (${w.jurisdiction})` : ''}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">None of your watches.</p>
              )}
              <h3 className="small">Suppliers</h3>
              {suppliers.length ? (
                <ul className="plain">
                  {suppliers.map((sp) => (
                    <li key={sp.id}>
                      {sp.legalNameEn}
                      {sp.legalNameZh && (
                        <>
                          {' '}
                          <span lang="zh">{sp.legalNameZh}</span>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">None of your suppliers.</p>
              )}
              <h3 className="small">Alerts</h3>
              <ul className="plain">
                {reachedAlerts.map((a) => (
                  <li key={a.alertId}>
                    <SeverityBadge severity={a.severity} />{' '}
                    <Link to="/alerts" search={{ alert: a.alertId }}>
                      {a.title}
                    </Link>
                  </li>
                ))}
                {reachedAlerts.length === 0 && <li className="muted">No alert of yours.</li>}
              </ul>
            </section>
          )}
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
