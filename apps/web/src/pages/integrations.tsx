import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import {
  ApiError,
  api,
  type ChannelKind,
  type CreateEndpoint,
  type Endpoint,
  type EndpointAttempt,
  type EndpointScope,
  type Severity,
} from '../api/client';
import { DateTime, ErrorMessage, Field, Loading, SeverityBadge, ShownOnce } from '../components/ui';

/** Kinds in words (docs/channels.md). */
export const KIND_LABEL: Record<ChannelKind, string> = {
  WEBHOOK: 'Signed webhook',
  SLACK: 'Slack',
  TEAMS: 'Microsoft Teams',
};
const KIND_HINT: Record<ChannelKind, string> = {
  WEBHOOK: 'Signed JSON (Standard Webhooks); your receiver verifies it with the signing secret shown once.',
  SLACK: 'A Slack incoming-webhook URL. Not signed: the URL is the credential, keep it like a password.',
  TEAMS:
    'A Teams Workflows URL ("Post to a channel when a webhook request is received"). Not signed: the URL is the credential.',
};
const SEVERITIES: Severity[] = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
/** Event types an endpoint can subscribe to (the API's enum) in words. */
const EVENT_TYPES = [
  { id: 'alert.created', label: 'A new alert (alert.created)' },
  {
    id: 'alert.updated',
    label: 'A measure behind earlier alerts changed, e.g. a suspension lapsed (alert.updated)',
  },
] as const;

/** The host of a URL (a Slack or Teams path is the credential, so lists show the host only). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** An endpoint's state in words: on, failing since when, turned off by a person, or disabled by Lodestone and why. */
function EndpointState({ e }: { e: Endpoint }) {
  if (!e.enabled && e.disabledAt)
    return (
      <span className="state-bad">
        <span aria-hidden="true">✗ </span>Disabled by Lodestone on <DateTime iso={e.disabledAt} />
        {e.disabledReason ? `: ${e.disabledReason}` : ''}
      </span>
    );
  if (!e.enabled)
    return (
      <span>
        <span aria-hidden="true">○ </span>Off (turned off by a person)
      </span>
    );
  if (e.failingSince)
    return (
      <span className="state-bad">
        <span aria-hidden="true">⚠ </span>Failing since <DateTime iso={e.failingSince} /> (disabled after 24 hours of
        failures; see the delivery log)
      </span>
    );
  return (
    <span>
      <span aria-hidden="true">✓ </span>On
    </span>
  );
}

/**
 * Delivery endpoints (signed webhooks, Slack, Microsoft Teams): the tenant's (`scope="tenant"`, tenant admins,
 * `/v1/webhooks`) or the signed-in user's own (`scope="me"`, `/v1/me/webhooks`). Lists them, creates (the signing
 * secret shown once), and opens one to edit, turn on or off, rotate its secret (tenant only), send a test and read its
 * delivery log.
 */
export function Endpoints({ scope }: { scope: EndpointScope }) {
  const qc = useQueryClient();
  const key = ['endpoints', scope];
  const list = useQuery({ queryKey: key, queryFn: () => api.endpoints(scope) });
  const [openId, setOpenId] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; secret: string | null } | null>(null);
  const create = useMutation({
    mutationFn: (body: CreateEndpoint) => api.createEndpoint(scope, body),
    onSuccess: (data) => {
      setCreated({ name: data.name, secret: data.secret });
      setOpenId(null);
      void qc.invalidateQueries({ queryKey: key });
    },
  });
  const title = scope === 'tenant' ? 'Integrations: webhooks, Slack and Teams' : 'My endpoints';
  const open = list.data?.find((e) => e.id === openId) ?? null;
  return (
    <>
      <section className="card" aria-labelledby={`ep-${scope}-title`}>
        <h2 id={`ep-${scope}-title`} tabIndex={-1}>
          {title}
        </h2>
        <p className="muted">
          {scope === 'tenant'
            ? "Alerts of the tenant go to these endpoints as they are raised, at or above each endpoint's minimum severity."
            : 'Your own endpoints: they receive the alerts of your tenant while your account is active. Only you see them.'}
        </p>
        {list.isPending && <Loading what="endpoints" />}
        <ErrorMessage error={list.error} />
        {list.data && list.data.length === 0 && <p>No endpoints yet.</p>}
        {list.data && list.data.length > 0 && (
          <div className="table-scroll">
            <table className="cards-on-phone">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Host</th>
                  <th scope="col">Minimum severity</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((e) => (
                  <tr key={e.id} className={e.failingSince || e.disabledAt ? 'row-error' : ''}>
                    <td>
                      <strong>{e.name}</strong>
                    </td>
                    <td data-label="Kind">{KIND_LABEL[e.kind]}</td>
                    <td data-label="Host">
                      <code className="wrap">{hostOf(e.url)}</code>
                    </td>
                    <td data-label="Minimum severity">
                      <SeverityBadge severity={e.minSeverity} />
                    </td>
                    <td data-label="State">
                      <EndpointState e={e} />
                    </td>
                    <td>
                      <button
                        type="button"
                        id={`manage-${e.id}`}
                        className="secondary"
                        aria-expanded={openId === e.id}
                        onClick={() => setOpenId(openId === e.id ? null : e.id)}
                      >
                        {openId === e.id ? 'Close' : 'Manage'}
                        <span className="visually-hidden"> {e.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {open && (
        <EndpointDetail
          key={open.id}
          scope={scope}
          endpoint={open}
          onClose={() => {
            setOpenId(null);
            // Back to where the person was: the endpoint's Manage button (or the list's heading after a delete).
            requestAnimationFrame(() =>
              (document.getElementById(`manage-${open.id}`) ?? document.getElementById(`ep-${scope}-title`))?.focus(),
            );
          }}
        />
      )}
      {created?.secret && (
        <ShownOnce label={`signing secret of “${created.name}”`} value={created.secret}>
          <p>
            Your receiver verifies each request's <code>webhook-signature</code> with it (any Standard Webhooks
            library).
          </p>
        </ShownOnce>
      )}
      {created && !created.secret && (
        <p className="card callout" role="status">
          Endpoint “{created.name}” created. Slack and Teams messages are not signed: the URL is the credential.
        </p>
      )}
      <EndpointForm
        key={create.isSuccess ? `done-${create.data?.id}` : 'new'}
        idPrefix={`new-${scope}`}
        title="Add an endpoint"
        submitLabel="Create endpoint"
        pending={create.isPending}
        error={create.error}
        onSubmit={(body) => {
          setCreated(null);
          create.mutate(body);
        }}
      />
    </>
  );
}

/** The create and edit form (one form: kind only on create, since an endpoint's kind does not change). */
function EndpointForm({
  idPrefix,
  title,
  submitLabel,
  initial,
  pending,
  error,
  saved,
  onSubmit,
}: {
  idPrefix: string;
  title: string;
  submitLabel: string;
  initial?: Endpoint;
  pending: boolean;
  error: unknown;
  saved?: boolean;
  onSubmit: (body: CreateEndpoint) => void;
}) {
  const [kind, setKind] = useState<ChannelKind>(initial?.kind ?? 'WEBHOOK');
  const [name, setName] = useState(initial?.name ?? '');
  const [url, setUrl] = useState(initial?.url ?? '');
  const [minSeverity, setMinSeverity] = useState<Severity>(initial?.minSeverity ?? 'HIGH');
  const [eventTypes, setEventTypes] = useState<string[]>(initial?.eventTypes ?? EVENT_TYPES.map((t) => t.id));
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    onSubmit({
      ...(initial ? {} : { kind }),
      name,
      url,
      minSeverity,
      eventTypes: eventTypes as CreateEndpoint['eventTypes'],
    });
  };
  const headingId = `${idPrefix}-title`;
  const eventsError = error instanceof ApiError ? error.forField('eventTypes') : undefined;
  return (
    <form className="card endpoint-form" onSubmit={submit} aria-labelledby={headingId} noValidate>
      {initial ? <h4 id={headingId}>{title}</h4> : <h2 id={headingId}>{title}</h2>}
      {!initial && (
        <Field id={`${idPrefix}-kind`} label="Kind" error={error} field="kind" hint={KIND_HINT[kind]}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as ChannelKind)}>
              {(Object.keys(KIND_LABEL) as ChannelKind[]).map((k) => (
                <option key={k} value={k}>
                  {KIND_LABEL[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field id={`${idPrefix}-name`} label="Name" error={error} field="name">
        {(p) => <input {...p} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field
        id={`${idPrefix}-url`}
        label="URL"
        error={error}
        field="url"
        hint="https:// only; private, loopback and link-local addresses are refused."
      >
        {(p) => (
          <input
            {...p}
            type="url"
            required
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            className="wide"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        )}
      </Field>
      <Field id={`${idPrefix}-sev`} label="Minimum severity" error={error} field="minSeverity">
        {(p) => (
          <select {...p} value={minSeverity} onChange={(e) => setMinSeverity(e.target.value as Severity)}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s.charAt(0) + s.slice(1).toLowerCase()} and above
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="field" aria-describedby={eventsError ? `${idPrefix}-events-error` : undefined}>
        <legend>Events</legend>
        {EVENT_TYPES.map((t) => (
          <label key={t.id} className="check">
            <input
              type="checkbox"
              checked={eventTypes.includes(t.id)}
              onChange={(e) =>
                setEventTypes(e.target.checked ? [...eventTypes, t.id] : eventTypes.filter((x) => x !== t.id))
              }
            />{' '}
            {t.label}
          </label>
        ))}
        {eventsError && (
          <small id={`${idPrefix}-events-error`} className="field-error">
            {eventsError}
          </small>
        )}
      </fieldset>
      <ErrorMessage error={error} />
      {saved && <p role="status">Saved.</p>}
      <button type="submit" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}

/** One endpoint opened: its actions, its settings form and its delivery log. Focus moves to its heading. */
function EndpointDetail({
  scope,
  endpoint: e,
  onClose,
}: {
  scope: EndpointScope;
  endpoint: Endpoint;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['endpoints', scope] });
  const update = useMutation({
    mutationFn: (body: Parameters<typeof api.updateEndpoint>[2]) => api.updateEndpoint(scope, e.id, body),
    onSuccess: refresh,
  });
  const toggle = useMutation({
    mutationFn: () => api.updateEndpoint(scope, e.id, { enabled: !e.enabled }),
    onSuccess: refresh,
  });
  const rotate = useMutation({ mutationFn: () => api.rotateEndpointSecret(e.id), onSuccess: refresh });
  const test = useMutation({ mutationFn: () => api.testEndpoint(scope, e.id) });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.deleteEndpoint(scope, e.id),
    onSuccess: () => {
      refresh();
      onClose();
    },
  });
  const headingId = `ep-${e.id}-title`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {e.name} <span className="muted">({KIND_LABEL[e.kind]})</span>
      </h3>
      <p>
        <code className="wrap">{hostOf(e.url)}</code> · <EndpointState e={e} />
        {e.previousSecretExpiresAt && new Date(e.previousSecretExpiresAt) > new Date() && (
          <>
            {' '}
            · the previous secret also signs until <DateTime iso={e.previousSecretExpiresAt} />
          </>
        )}
      </p>
      <div className="actions">
        <button type="button" onClick={() => test.mutate()} disabled={test.isPending}>
          Send test
        </button>
        <button type="button" className="secondary" onClick={() => toggle.mutate()} disabled={toggle.isPending}>
          {e.enabled ? 'Turn off' : e.disabledAt ? 'Turn on again (failures counted afresh)' : 'Turn on'}
        </button>
        {scope === 'tenant' && e.kind === 'WEBHOOK' && (
          <button type="button" className="secondary" onClick={() => rotate.mutate()} disabled={rotate.isPending}>
            Rotate signing secret
          </button>
        )}
        {confirmDelete ? (
          <>
            <button type="button" className="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
              Delete “{e.name}” for good
            </button>
            <button type="button" className="secondary" onClick={() => setConfirmDelete(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        )}
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      <ErrorMessage error={toggle.error ?? rotate.error ?? test.error ?? remove.error} />
      {scope === 'tenant' && e.kind === 'WEBHOOK' && !rotate.data && (
        <p className="muted">
          Rotating makes a new secret at once; the old one keeps signing too for an overlap window (24 hours by
          default), so receivers can switch without losing a message.
        </p>
      )}
      {rotate.data && (
        <ShownOnce label={`new signing secret of “${e.name}”`} value={rotate.data.secret}>
          <p>
            Until <DateTime iso={rotate.data.previousSecretExpiresAt} /> the old secret signs too: each request then
            carries two signatures in <code>webhook-signature</code>, and a receiver holding either secret verifies. Put
            the new one in your receiver before then; after it, only the new one signs.
          </p>
        </ShownOnce>
      )}
      <DeliveryLog scope={scope} endpointId={e.id} waitingFor={test.data?.messageId ?? null} />
      <EndpointForm
        idPrefix={`edit-${e.id}`}
        title="Change settings"
        submitLabel="Save changes"
        initial={e}
        pending={update.isPending}
        error={update.error}
        saved={update.isSuccess}
        onSubmit={({ kind: _kind, ...body }) => update.mutate(body)}
      />
    </section>
  );
}

const PAGE = 20;

/** An attempt's outcome in words: the status code, or why there was no answer. */
function outcome(a: EndpointAttempt): string {
  if (a.statusCode !== null) {
    const ok = a.statusCode >= 200 && a.statusCode < 300;
    return `${ok ? '✓' : '✗'} HTTP ${a.statusCode}${a.error && !ok ? `: ${a.error}` : ''}`;
  }
  return `✗ No answer${a.error ? `: ${a.error}` : ''}`;
}

/**
 * An endpoint's delivery log, newest first, one row per attempt. While a test is waiting (`waitingFor` = its
 * webhook-id), the log is read every 2 s until that attempt shows, and its result is announced.
 */
function DeliveryLog({
  scope,
  endpointId,
  waitingFor,
}: {
  scope: EndpointScope;
  endpointId: string;
  waitingFor: string | null;
}) {
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const q = useQuery({
    queryKey: ['endpoint-deliveries', scope, endpointId, cursor],
    queryFn: () => api.endpointDeliveries(scope, endpointId, { limit: PAGE, cursor }),
    refetchInterval: (query) =>
      waitingFor && !cursor && !query.state.data?.items.some((a) => a.messageId === waitingFor) ? 2000 : false,
  });
  const testAttempt = waitingFor ? q.data?.items.find((a) => a.messageId === waitingFor) : undefined;
  const titleId = `log-${endpointId}-title`;
  return (
    <div aria-labelledby={titleId} role="region">
      <h4 id={titleId}>Delivery log</h4>
      {waitingFor && (
        <p role="status" className={testAttempt ? 'callout card' : 'muted'}>
          {testAttempt ? (
            <>
              Test <code>{waitingFor}</code>: {outcome(testAttempt)} in {testAttempt.latencyMs} ms.
            </>
          ) : (
            <>
              Test queued (<code>{waitingFor}</code>); waiting for the delivery worker to send it…
            </>
          )}
        </p>
      )}
      {q.isPending && <Loading what="the delivery log" />}
      <ErrorMessage error={q.error} />
      {q.data && q.data.items.length === 0 && <p>No attempts yet. Send a test to see one here.</p>}
      {q.data && q.data.items.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable with the keyboard (no control inside)
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Delivery log, table">
          <table aria-labelledby={titleId} className="cards-on-phone">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col">Attempt</th>
                <th scope="col">Result</th>
                <th scope="col">Latency (ms)</th>
                <th scope="col">Response excerpt</th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((a) => (
                <tr key={a.id} className={a.statusCode === null || a.statusCode >= 300 ? 'row-error' : ''}>
                  <td data-label="Time">
                    <DateTime iso={a.createdAt} />
                  </td>
                  <td data-label="Event">
                    <span>
                      {a.eventType}
                      <br />
                      <code className="muted wrap">{a.messageId}</code>
                    </span>
                  </td>
                  <td data-label="Attempt">{a.attempt}</td>
                  <td data-label="Result">
                    <span>
                      {outcome(a)}
                      <br />
                      <span className="muted">delivery {a.deliveryStatus.toLowerCase()}</span>
                    </span>
                  </td>
                  <td className="num" data-label="Latency (ms)">
                    {a.latencyMs}
                  </td>
                  <td data-label="Response excerpt">
                    {a.responseExcerpt ? <code className="excerpt">{a.responseExcerpt}</code> : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void q.refetch()} disabled={q.isFetching}>
          Refresh the log
        </button>
        {cursors.length > 0 && (
          <button type="button" className="secondary" onClick={() => setCursors([])}>
            Newest attempts
          </button>
        )}
        {q.data?.nextCursor && (
          <button
            type="button"
            className="secondary"
            onClick={() => setCursors([...cursors, q.data.nextCursor as string])}
          >
            Older attempts
          </button>
        )}
      </div>
    </div>
  );
}
