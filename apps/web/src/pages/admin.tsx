import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { api, setActingTenant } from '../api/client';
import { ErrorMessage, Field, formatDate, Loading, MeasureStatusBadge } from '../components/ui';
import { DeliveriesTable } from './deliveries';

const TABS = [
  { id: 'tenants', label: 'Tenants' },
  { id: 'sources', label: 'Sources' },
  { id: 'measures', label: 'Measures' },
  { id: 'deliveries', label: 'Deliveries' },
] as const;

export function AdminPage() {
  const { tab } = useSearch({ from: '/app/admin' });
  const current = TABS.find((t) => t.id === tab) ?? TABS[0];
  return (
    <div className="page">
      <h1>Platform</h1>
      <nav aria-label="Platform sections" className="tabs">
        <ul>
          {TABS.map((t) => (
            <li key={t.id}>
              <Link to="/admin" search={{ tab: t.id }} aria-current={t.id === current.id ? 'page' : undefined}>
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {current.id === 'tenants' && <Tenants />}
      {current.id === 'sources' && <Sources />}
      {current.id === 'measures' && <Measures />}
      {current.id === 'deliveries' && <TenantDeliveries />}
    </div>
  );
}

function Tenants() {
  const qc = useQueryClient();
  const tenants = useQuery({ queryKey: ['tenants'], queryFn: api.tenants });
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [adminEmail, setAdminEmail] = useState('');
  const [adminName, setAdminName] = useState('');
  const done = () => void qc.invalidateQueries({ queryKey: ['tenants'] });
  const create = useMutation({
    mutationFn: () =>
      api.createTenant({
        slug,
        name,
        admin: adminEmail ? { email: adminEmail, name: adminName || adminEmail } : undefined,
      }),
    onSuccess: () => {
      setSlug('');
      setName('');
      setAdminEmail('');
      setAdminName('');
      done();
    },
  });
  const toggle = useMutation({
    mutationFn: (t: { id: string; status: string }) =>
      t.status === 'ACTIVE' ? api.suspendTenant(t.id) : api.activateTenant(t.id),
    onSuccess: done,
  });
  return (
    <>
      <section className="card" aria-labelledby="ten-title">
        <h2 id="ten-title">Tenants</h2>
        {tenants.isPending && <Loading what="tenants" />}
        <ErrorMessage error={tenants.error ?? toggle.error} />
        {tenants.data && (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Slug</th>
                  <th scope="col">Status</th>
                  <th scope="col">Users</th>
                  <th scope="col">Created</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {tenants.data.map((t) => (
                  <tr key={t.id}>
                    <td>{t.name}</td>
                    <td>{t.slug}</td>
                    <td>{t.status === 'ACTIVE' ? '● Active' : '⏸ Suspended'}</td>
                    <td>{t._count?.users ?? ''}</td>
                    <td>{formatDate(t.createdAt)}</td>
                    <td>
                      <button
                        type="button"
                        className={t.status === 'ACTIVE' ? 'danger' : 'secondary'}
                        onClick={() => toggle.mutate(t)}
                      >
                        {t.status === 'ACTIVE' ? 'Suspend' : 'Activate'}
                        <span className="visually-hidden"> {t.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <form
        className="card inline-form"
        aria-labelledby="newt-title"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <h2 id="newt-title">Create a tenant</h2>
        <Field id="t-slug" label="Slug" hint="lowercase letters, digits and dashes" error={create.error} field="slug">
          {(p) => <input {...p} required value={slug} onChange={(e) => setSlug(e.target.value)} />}
        </Field>
        <Field id="t-name" label="Name" error={create.error} field="name">
          {(p) => <input {...p} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field id="t-admin-email" label="First admin's email (optional)" error={create.error} field="admin.email">
          {(p) => <input {...p} type="email" value={adminEmail} onChange={(e) => setAdminEmail(e.target.value)} />}
        </Field>
        <Field id="t-admin-name" label="First admin's name" error={create.error} field="admin.name">
          {(p) => <input {...p} value={adminName} onChange={(e) => setAdminName(e.target.value)} />}
        </Field>
        <ErrorMessage error={create.error} />
        <button type="submit" disabled={create.isPending}>
          Create tenant
        </button>
      </form>
    </>
  );
}

function Sources() {
  const q = useQuery({ queryKey: ['sources'], queryFn: api.sources });
  return (
    <section className="card" aria-labelledby="src-title">
      <h2 id="src-title">Sources</h2>
      {q.isPending && <Loading what="sources" />}
      <ErrorMessage error={q.error} />
      {q.data && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Health</th>
                <th scope="col">Last success</th>
                <th scope="col">Last run</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {q.data.map((s) => {
                const health = !s.enabled
                  ? '○ Disabled'
                  : s.consecutiveFailures > 0
                    ? `✗ Failing (${s.consecutiveFailures} in a row)`
                    : s.lastSuccessAt
                      ? '✓ Healthy'
                      : '… Not run yet';
                return (
                  <tr key={s.name} className={s.consecutiveFailures > 0 ? 'row-error' : ''}>
                    <td>
                      {s.name} <span className="muted">{s.kind}</span>
                    </td>
                    <td>
                      {health}
                      {s.running ? ' · running' : ''}
                    </td>
                    <td>{formatDate(s.lastSuccessAt)}</td>
                    <td>
                      {formatDate(s.lastAttemptAt)}
                      {s.lastItemsSeen !== null && ` · ${s.lastItemsSeen} seen, ${s.lastItemsNew ?? 0} new`}
                    </td>
                    <td className="field-error">{s.lastError}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The measures most recently changed, each linking to its timeline, where every event shows its fan-out. */
function Measures() {
  const q = useQuery({ queryKey: ['admin-measures'], queryFn: () => api.measures({ limit: 50 }) });
  return (
    <section className="card" aria-labelledby="measures-title">
      <h2 id="measures-title">Measures</h2>
      <p className="muted">Open a measure for its events and how far each one's emails and messages went out.</p>
      {q.isPending && <Loading what="measures" />}
      <ErrorMessage error={q.error} />
      {q.data && (
        <ul className="plain">
          {q.data.items.map((m) => (
            <li key={m.key}>
              <Link to="/measures/$key" params={{ key: m.key }}>
                {m.title ?? m.label}
              </Link>{' '}
              <MeasureStatusBadge status={m.status} />{' '}
              <span className="muted">
                {m.events} {m.events === 1 ? 'event' : 'events'} · {m.key}
              </span>
            </li>
          ))}
          {q.data.items.length === 0 && <li className="muted">No measure yet.</li>}
        </ul>
      )}
    </section>
  );
}

function TenantDeliveries() {
  const tenants = useQuery({ queryKey: ['tenants'], queryFn: api.tenants });
  const [tenantId, setTenantId] = useState('');
  useEffect(() => () => setActingTenant(null), []);
  return (
    <>
      <div className="card">
        <label>
          Tenant{' '}
          <select
            value={tenantId}
            onChange={(e) => {
              setActingTenant(e.target.value || null);
              setTenantId(e.target.value);
            }}
          >
            <option value="">Choose a tenant</option>
            {(tenants.data ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {tenantId && <DeliveriesTable key={tenantId} tenantKey={tenantId} />}
    </>
  );
}
