import { spanInContext } from '../components/span-context';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { type Alert, type AlertQuery, type AlertStatus, api, type MatchReason } from '../api/client';
import { AffectedPartList, ImpactFigures } from '../components/impact';
import { MeasureTimeline } from '../components/timeline';
import { DateTime, ErrorMessage, Field, Loading, SeverityBadge, StatusBadge } from '../components/ui';
import type { AlertsSearch } from '../router';
import { useSession } from '../session';

const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'] as const;
const STATUSES: AlertStatus[] = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'];

/** A date input (YYYY-MM-DD) as the API's instant with a zone: start of that day in UTC. */
const dayStart = (d?: string) => (d ? `${d}T00:00:00Z` : undefined);
const dayAfter = (d?: string) => {
  if (!d) return undefined;
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString();
};

export function AlertsPage() {
  const search = useSearch({ from: '/app/alerts' });
  const navigate = useNavigate({ from: '/alerts' });
  const { user } = useSession();
  const setSearch = (patch: Partial<AlertsSearch>) =>
    navigate({ search: (prev: AlertsSearch) => ({ ...prev, ...patch }), replace: true });

  const query: AlertQuery = {
    severity: search.severity as AlertQuery['severity'],
    status: search.status as AlertQuery['status'],
    element: search.element,
    supplierId: search.supplierId,
    from: dayStart(search.from),
    to: dayAfter(search.to),
    // Filtered by the API ('me', 'none' or a user id), so pagination counts only the matching alerts.
    assignee: search.assignee,
    limit: 50,
  };
  const list = useInfiniteQuery({
    queryKey: ['alerts', query],
    queryFn: ({ pageParam }) => api.alerts({ ...query, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const suppliers = useQuery({ queryKey: ['suppliers'], queryFn: api.suppliers });
  const users = useQuery({
    queryKey: ['users'],
    queryFn: api.users,
    enabled: user?.role === 'TENANT_ADMIN',
  });

  const items = (list.data?.pages.flatMap((p) => p.items) ?? []) as Alert[];

  const selectedId = search.alert;
  const qc = useQueryClient();
  const acknowledge = useMutation({
    mutationFn: api.acknowledge,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['alerts'] });
      void qc.invalidateQueries({ queryKey: ['alert'] });
      void qc.invalidateQueries({ queryKey: ['exposure'] });
    },
  });

  // Keyboard triage: j/k move, a acknowledges, Enter/o opens, Escape closes the panel.
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey || t.closest('input, textarea, select, [contenteditable]')) return;
      const idx = items.findIndex((a) => a.id === selectedId);
      if (e.key === 'j' || e.key === 'k') {
        const next = e.key === 'j' ? Math.min(items.length - 1, idx + 1) : Math.max(0, idx - 1);
        const a = items[next];
        if (a) {
          void setSearch({ alert: a.id });
          listRef.current?.querySelector<HTMLElement>(`[data-id="${a.id}"]`)?.focus();
        }
        e.preventDefault();
      } else if (e.key === 'a' && selectedId) {
        acknowledge.mutate(selectedId);
        e.preventDefault();
      } else if (e.key === 'Escape' && selectedId) {
        void setSearch({ alert: undefined });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="page">
      <h1>Alerts</h1>
      <form className="filters" aria-label="Filter alerts" onSubmit={(e) => e.preventDefault()}>
        <Field id="f-severity" label="Severity">
          {(p) => (
            <select
              {...p}
              value={search.severity ?? ''}
              onChange={(e) => setSearch({ severity: e.target.value || undefined, alert: undefined })}
            >
              <option value="">Any</option>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s.charAt(0) + s.slice(1).toLowerCase()}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="f-status" label="Status">
          {(p) => (
            <select
              {...p}
              value={search.status ?? ''}
              onChange={(e) => setSearch({ status: e.target.value || undefined, alert: undefined })}
            >
              <option value="">Any</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s.charAt(0) + s.slice(1).toLowerCase()}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="f-element" label="Element" error={list.error} field="element">
          {(p) => (
            <input
              {...p}
              placeholder="e.g. Dy"
              size={4}
              defaultValue={search.element ?? ''}
              onBlur={(e) => setSearch({ element: e.target.value.trim() || undefined, alert: undefined })}
              onKeyDown={(e) => {
                if (e.key === 'Enter')
                  void setSearch({ element: e.currentTarget.value.trim() || undefined, alert: undefined });
              }}
            />
          )}
        </Field>
        <Field id="f-supplier" label="Supplier">
          {(p) => (
            <select
              {...p}
              value={search.supplierId ?? ''}
              onChange={(e) => setSearch({ supplierId: e.target.value || undefined, alert: undefined })}
            >
              <option value="">Any</option>
              {(suppliers.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.legalNameEn}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="f-from" label="From" error={list.error} field="from">
          {(p) => (
            <input
              {...p}
              type="date"
              value={search.from ?? ''}
              onChange={(e) => setSearch({ from: e.target.value || undefined })}
            />
          )}
        </Field>
        <Field id="f-to" label="To" error={list.error} field="to">
          {(p) => (
            <input
              {...p}
              type="date"
              value={search.to ?? ''}
              onChange={(e) => setSearch({ to: e.target.value || undefined })}
            />
          )}
        </Field>
        <Field id="f-assignee" label="Assignee" error={list.error} field="assignee">
          {(p) => (
            <select
              {...p}
              value={search.assignee ?? ''}
              onChange={(e) => setSearch({ assignee: e.target.value || undefined })}
            >
              <option value="">Anyone</option>
              <option value="me">Me</option>
              <option value="none">Unassigned</option>
              {(users.data ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <p className="muted shortcuts" id="shortcuts">
        Keyboard: <kbd>j</kbd>/<kbd>k</kbd> next/previous alert, <kbd>a</kbd> acknowledge the open alert, <kbd>Esc</kbd>{' '}
        close the detail panel.
      </p>
      <div className={selectedId ? 'inbox with-detail' : 'inbox'}>
        <section aria-labelledby="list-title" className="alert-list">
          <h2 id="list-title" className="visually-hidden">
            Alert list
          </h2>
          {list.isPending && <Loading what="alerts" />}
          <ErrorMessage error={list.error} />
          {list.isSuccess && items.length === 0 && <p>No alert matches these filters.</p>}
          <ol ref={listRef} className="plain" aria-describedby="shortcuts">
            {items.map((a) => (
              <li key={a.id}>
                <Link
                  to="/alerts"
                  search={(prev: AlertsSearch) => ({ ...prev, alert: a.id })}
                  data-id={a.id}
                  className={`alert-row${a.id === selectedId ? ' selected' : ''}`}
                  aria-current={a.id === selectedId ? 'true' : undefined}
                >
                  <span className="row-top">
                    <SeverityBadge severity={a.severity} /> <StatusBadge status={a.status} />
                    <span className="muted">
                      <DateTime iso={a.createdAt} />
                    </span>
                  </span>
                  <span className="row-title">{a.title}</span>
                  <span className="muted">
                    {[
                      ...new Set(
                        a.reasons
                          .map((r) => (r.subject.type === 'SUPPLIER' ? r.subject.label : r.element))
                          .filter(Boolean),
                      ),
                    ].join(', ')}
                    {a.assigneeId ? ` · assigned to ${a.assigneeId === user?.id ? 'you' : 'a colleague'}` : ''}
                  </span>
                </Link>
              </li>
            ))}
          </ol>
          {list.hasNextPage && (
            <button
              type="button"
              className="secondary"
              onClick={() => void list.fetchNextPage()}
              disabled={list.isFetchingNextPage}
            >
              {list.isFetchingNextPage ? 'Loading…' : 'Load more alerts'}
            </button>
          )}
        </section>
        {selectedId && <AlertDetail id={selectedId} onClose={() => void setSearch({ alert: undefined })} />}
      </div>
    </div>
  );
}

function AlertDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { user } = useSession();
  const qc = useQueryClient();
  const alert = useQuery({ queryKey: ['alert', id], queryFn: () => api.alert(id) });
  // The event's text, only when a reason rests on it: each such reason quotes its span in its sentence.
  const eventId = alert.data?.policyChangeId ?? alert.data?.permitEventId ?? null;
  const eventText = useQuery({
    queryKey: ['event', eventId],
    queryFn: () => api.event(eventId!),
    enabled: eventId !== null && (alert.data?.reasons.some((r) => r.fromText) ?? false),
    staleTime: Number.POSITIVE_INFINITY, // stored events do not change
  });
  const users = useQuery({ queryKey: ['users'], queryFn: api.users, enabled: user?.role === 'TENANT_ADMIN' });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['alerts'] });
    void qc.invalidateQueries({ queryKey: ['alert', id] });
    void qc.invalidateQueries({ queryKey: ['exposure'] });
  };
  const ack = useMutation({ mutationFn: () => api.acknowledge(id), onSuccess: refresh });
  const status = useMutation({
    mutationFn: (s: AlertStatus) => api.setAlertStatus(id, { status: s }),
    onSuccess: refresh,
  });
  const assign = useMutation({ mutationFn: (userId: string | null) => api.assign(id, userId), onSuccess: refresh });
  const [comment, setComment] = useState('');
  const addComment = useMutation({
    mutationFn: () => api.comment(id, { text: comment }),
    onSuccess: () => {
      setComment('');
      refresh();
    },
  });
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (alert.data) headingRef.current?.focus({ preventScroll: true });
  }, [alert.data]);

  const names = new Map((users.data ?? []).map((u) => [u.id, u.name]));
  const who = (uid: string | null) => (uid ? (uid === user?.id ? 'you' : (names.get(uid) ?? 'a colleague')) : 'nobody');

  return (
    <aside className="card alert-detail" aria-labelledby="detail-title">
      <button type="button" className="close secondary" onClick={onClose} aria-label="Close alert detail">
        ✕
      </button>
      {alert.isPending && <Loading what="the alert" />}
      <ErrorMessage error={alert.error} />
      {alert.data && (
        <>
          <h2 id="detail-title" tabIndex={-1} ref={headingRef}>
            {alert.data.title}
          </h2>
          <p>
            <SeverityBadge severity={alert.data.severity} /> <StatusBadge status={alert.data.status} />{' '}
            <span className="muted">
              created <DateTime iso={alert.data.createdAt} /> · assigned to {who(alert.data.assigneeId)}
            </span>
          </p>
          <div className="actions" role="group" aria-label="Actions">
            <button
              type="button"
              onClick={() => ack.mutate()}
              disabled={ack.isPending || alert.data.status === 'ACKNOWLEDGED'}
            >
              Acknowledge <kbd>a</kbd>
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => assign.mutate(user?.id ?? null)}
              disabled={assign.isPending || alert.data.assigneeId === user?.id}
            >
              Assign to me
            </button>
            {users.data && (
              <label>
                <span className="visually-hidden">Assign to</span>
                <select
                  aria-label="Assign to"
                  value={alert.data.assigneeId ?? ''}
                  onChange={(e) => assign.mutate(e.target.value || null)}
                >
                  <option value="">Unassigned</option>
                  {users.data
                    .filter((u) => u.active)
                    .map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                      </option>
                    ))}
                </select>
              </label>
            )}
            <label>
              <span className="visually-hidden">Status</span>
              <select
                aria-label="Status"
                value={alert.data.status}
                onChange={(e) => status.mutate(e.target.value as AlertStatus)}
              >
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s.charAt(0) + s.slice(1).toLowerCase()}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <ErrorMessage error={ack.error ?? assign.error ?? status.error} />
          <section className="impact" aria-labelledby="impact-title">
            <h3 id="impact-title">Impact on your parts</h3>
            <ImpactFigures impact={alert.data.impact} />
            {alert.data.impact.affectedParts.length > 0 && <AffectedPartList parts={alert.data.impact.affectedParts} />}
          </section>
          <h3>Why you got this alert</h3>
          <ul className="reasons">
            {alert.data.reasons.map((r) => (
              <Reason
                key={`${r.via}|${r.subject.label}|${r.matched.field}|${r.matched.value}|${r.element ?? ''}`}
                reason={r}
                eventText={eventText.data?.text}
              />
            ))}
          </ul>
          {alert.data.policyChangeId === null && alert.data.permitEventId && (
            <p className="muted">From a permit event.</p>
          )}
          {alert.data.measure && (
            <section aria-labelledby="measure-tl-title">
              <h3 id="measure-tl-title">The measure's status over time</h3>
              <MeasureTimeline measureKey={alert.data.measure.key} compact />
            </section>
          )}
          <h3>History</h3>
          <ol className="history">
            {alert.data.history.map((h) => (
              <li key={h.id}>
                <span className="muted">
                  <DateTime iso={h.createdAt} />
                </span>{' '}
                {who(h.actorUserId)} {h.kind.toLowerCase().replace('_', ' ')}
                {h.comment ? `: “${h.comment}”` : ''}
              </li>
            ))}
            {alert.data.history.length === 0 && <li className="muted">Nothing yet.</li>}
          </ol>
          <form
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              addComment.mutate();
            }}
          >
            <Field id="comment" label="Comment" error={addComment.error} field="text">
              {(p) => <textarea {...p} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />}
            </Field>
            <ErrorMessage error={addComment.error} />
            <button type="submit" className="secondary" disabled={addComment.isPending || !comment.trim()}>
              Add comment
            </button>
          </form>
        </>
      )}
    </aside>
  );
}

const VIA_LABEL: Record<string, string> = {
  SUPPLIER_POSSIBLE: 'Possible supplier match',
  SUPPLIER_EXPORTER: 'Supplier is the exporter',
  SUPPLIER_END_USER: 'Supplier is the end user',
  SUPPLIER_SCREENING: 'Supplier on a screening list',
};

function Reason({
  reason,
  eventText,
}: {
  reason: MatchReason;
  eventText?: { title: string; summary: string; body: string | null };
}) {
  const qc = useQueryClient();
  const decide = useMutation({
    mutationFn: (decision: 'CONFIRMED' | 'REJECTED') => {
      if (reason.subject.type !== 'SUPPLIER') throw new Error('not a supplier reason');
      return api.decideSupplierName({ supplierId: reason.subject.supplierId, name: reason.matched.value, decision });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['alerts'] }),
  });
  return (
    <li className="reason">
      <p>
        {VIA_LABEL[reason.via] && <strong>{VIA_LABEL[reason.via]}: </strong>}
        {reason.text}
      </p>
      <p className="muted evidence">
        matched {reason.matched.field} = <mark>{reason.matched.value}</mark>
        {reason.score !== undefined && ` · score ${reason.score.toFixed(2)}`}
      </p>
      {reason.fromText && <TextEvidence span={reason.fromText} text={eventText?.[reason.fromText.field]} />}
      {reason.evidence && reason.evidence.length > 0 && (
        <ul className="evidence-lines">
          {reason.evidence.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {reason.via === 'SUPPLIER_POSSIBLE' && reason.subject.type === 'SUPPLIER' && (
        <div className="actions" role="group" aria-label={`Is “${reason.matched.value}” ${reason.subject.label}?`}>
          {decide.isSuccess ? (
            <p role="status">Decision saved: {decide.data.decision === 'CONFIRMED' ? 'confirmed' : 'rejected'}.</p>
          ) : (
            <>
              <span>
                Is “{reason.matched.value}” your supplier {reason.subject.label}?
              </span>
              <button type="button" onClick={() => decide.mutate('CONFIRMED')} disabled={decide.isPending}>
                Confirm match
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => decide.mutate('REJECTED')}
                disabled={decide.isPending}
              >
                Not this supplier
              </button>
            </>
          )}
          <ErrorMessage error={decide.error} />
        </div>
      )}
    </li>
  );
}

/** Where in the event's text a reason was found: the span highlighted in its surrounding words when the text is loaded. */
function TextEvidence({ span, text }: { span: NonNullable<MatchReason['fromText']>; text: string | null | undefined }) {
  const context = spanInContext(text, span);
  return (
    <blockquote className="evidence">
      <span className="muted">found in the {span.field}: </span>
      {context ? (
        <>
          {context.before}
          <mark>{context.match}</mark>
          {context.after}
        </>
      ) : (
        <mark>{span.text}</mark>
      )}
    </blockquote>
  );
}
