import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, type Role, type UpdateTenantDefaults } from '../api/client';
import { ErrorMessage, Field, formatDate, Loading, ShownOnce } from '../components/ui';
import { useSession } from '../session';
import { PreferencesForm } from './preferences-form';
import { DeliveriesTable } from './deliveries';
import { Endpoints } from './integrations';

const TABS = [
  { id: 'notifications', label: 'My notifications', roles: ['BUYER', 'TENANT_ADMIN'] },
  { id: 'tenant', label: 'Tenant defaults', roles: ['TENANT_ADMIN'] },
  { id: 'users', label: 'Users & invitations', roles: ['TENANT_ADMIN'] },
  { id: 'tokens', label: 'API tokens', roles: ['TENANT_ADMIN'] },
  { id: 'integrations', label: 'Integrations', roles: ['TENANT_ADMIN'] },
  { id: 'my-endpoints', label: 'My endpoints', roles: ['BUYER', 'TENANT_ADMIN'] },
  { id: 'deliveries', label: 'Email deliveries', roles: ['TENANT_ADMIN'] },
  { id: 'audit', label: 'Audit log', roles: ['TENANT_ADMIN'] },
] as const satisfies readonly { id: string; label: string; roles: readonly Role[] }[];

export function SettingsPage() {
  const { user } = useSession();
  const { tab } = useSearch({ from: '/app/settings' });
  const tabs = TABS.filter((t) => (t.roles as readonly Role[]).includes(user?.role ?? 'BUYER'));
  const current = tabs.find((t) => t.id === tab) ?? tabs[0];
  return (
    <div className="page">
      <h1>Settings</h1>
      {tabs.length === 0 && <p>Platform admins manage the installation on the Platform page.</p>}
      <nav aria-label="Settings sections" className="tabs">
        <ul>
          {tabs.map((t) => (
            <li key={t.id}>
              <Link to="/settings" search={{ tab: t.id }} aria-current={t.id === current?.id ? 'page' : undefined}>
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {current?.id === 'notifications' && <MyNotifications />}
      {current?.id === 'tenant' && <TenantDefaultsForm />}
      {current?.id === 'users' && <Users />}
      {current?.id === 'tokens' && <Tokens />}
      {current?.id === 'integrations' && <Endpoints key="tenant" scope="tenant" />}
      {current?.id === 'my-endpoints' && <Endpoints key="me" scope="me" />}
      {current?.id === 'deliveries' && <DeliveriesTable />}
      {current?.id === 'audit' && <Audit />}
    </div>
  );
}

function MyNotifications() {
  const qc = useQueryClient();
  const prefs = useQuery({ queryKey: ['my-preferences'], queryFn: api.myPreferences });
  const save = useMutation({
    mutationFn: api.updateMyPreferences,
    onSuccess: (data) => qc.setQueryData(['my-preferences'], data),
  });
  return (
    <section className="card" aria-labelledby="mine-title">
      <h2 id="mine-title">My notification preferences</h2>
      {prefs.isPending && <Loading what="preferences" />}
      <ErrorMessage error={prefs.error} />
      {prefs.data && <PreferencesForm key={prefs.dataUpdatedAt} view={prefs.data} save={save} />}
    </section>
  );
}

function TenantDefaultsForm() {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['tenant-defaults'], queryFn: api.tenantDefaults });
  const save = useMutation({
    mutationFn: api.updateTenantDefaults,
    onSuccess: (data) => qc.setQueryData(['tenant-defaults'], data),
  });
  if (q.isPending) return <Loading what="tenant defaults" />;
  if (q.error) return <ErrorMessage error={q.error} />;
  return <TenantDefaultsEditor key={q.dataUpdatedAt} initial={q.data} save={save} />;
}

function TenantDefaultsEditor({
  initial,
  save,
}: {
  initial: Required<UpdateTenantDefaults>;
  save: ReturnType<typeof useMutation<unknown, Error, UpdateTenantDefaults>>;
}) {
  const [v, setV] = useState(initial);
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV({ ...v, [k]: value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      immediateEnabled: v.immediateEnabled,
      immediateMinSeverity: v.immediateMinSeverity,
      digestFrequency: v.digestFrequency,
      digestLocalTime: v.digestLocalTime,
      digestWeekday: v.digestWeekday,
      quietHoursStart: v.quietHoursStart || null,
      quietHoursEnd: v.quietHoursEnd || null,
      criticalOverridesQuietHours: v.criticalOverridesQuietHours,
      sendEmptyDigest: v.sendEmptyDigest,
    });
  };
  const err = save.error;
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="td-title">
      <h2 id="td-title">Tenant notification defaults</h2>
      <p className="muted">What people get unless they chose otherwise.</p>
      <label className="check">
        <input
          type="checkbox"
          checked={v.immediateEnabled}
          onChange={(e) => set('immediateEnabled', e.target.checked)}
        />{' '}
        Immediate alert emails
      </label>
      <Field id="td-sev" label="Minimum severity for immediate emails" error={err} field="immediateMinSeverity">
        {(p) => (
          <select
            {...p}
            value={v.immediateMinSeverity}
            onChange={(e) => set('immediateMinSeverity', e.target.value as typeof v.immediateMinSeverity)}
          >
            {['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        )}
      </Field>
      <Field id="td-digest" label="Digest" error={err} field="digestFrequency">
        {(p) => (
          <select
            {...p}
            value={v.digestFrequency}
            onChange={(e) => set('digestFrequency', e.target.value as typeof v.digestFrequency)}
          >
            <option value="NONE">None</option>
            <option value="DAILY">Daily</option>
            <option value="WEEKLY">Weekly</option>
          </select>
        )}
      </Field>
      <Field id="td-time" label="Digest time (HH:MM)" error={err} field="digestLocalTime">
        {(p) => (
          <input {...p} value={v.digestLocalTime ?? ''} onChange={(e) => set('digestLocalTime', e.target.value)} />
        )}
      </Field>
      <Field id="td-qs" label="Quiet hours start (HH:MM, empty for none)" error={err} field="quietHoursStart">
        {(p) => (
          <input {...p} value={v.quietHoursStart ?? ''} onChange={(e) => set('quietHoursStart', e.target.value)} />
        )}
      </Field>
      <Field id="td-qe" label="Quiet hours end (HH:MM)" error={err} field="quietHoursEnd">
        {(p) => <input {...p} value={v.quietHoursEnd ?? ''} onChange={(e) => set('quietHoursEnd', e.target.value)} />}
      </Field>
      <label className="check">
        <input
          type="checkbox"
          checked={v.criticalOverridesQuietHours}
          onChange={(e) => set('criticalOverridesQuietHours', e.target.checked)}
        />{' '}
        Critical alerts ignore quiet hours
      </label>
      <ErrorMessage error={err} />
      {save.isSuccess && <p role="status">Defaults saved.</p>}
      <button type="submit" disabled={save.isPending}>
        Save defaults
      </button>
    </form>
  );
}

function Users() {
  const qc = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: api.users });
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<'BUYER' | 'TENANT_ADMIN'>('BUYER');
  const invite = useMutation({
    mutationFn: () => api.invite({ email, name, role }),
    onSuccess: () => {
      setEmail('');
      setName('');
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: Parameters<typeof api.updateUser>[1] }) => api.updateUser(id, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['users'] }),
  });
  const resend = useMutation({
    mutationFn: (u: { email: string; name: string; role: Role }) =>
      api.invite({ email: u.email, name: u.name, role: u.role as 'BUYER' | 'TENANT_ADMIN' }),
  });
  return (
    <>
      <section className="card" aria-labelledby="users-title">
        <h2 id="users-title">Users</h2>
        {users.isPending && <Loading what="users" />}
        <ErrorMessage error={users.error ?? update.error ?? resend.error} />
        {users.data && (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">State</th>
                  <th scope="col">Last sign-in</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((u) => (
                  <tr key={u.id}>
                    <td>{u.name}</td>
                    <td>{u.email}</td>
                    <td>
                      <select
                        aria-label={`Role of ${u.name}`}
                        value={u.role}
                        onChange={(e) =>
                          update.mutate({ id: u.id, body: { role: e.target.value as 'BUYER' | 'TENANT_ADMIN' } })
                        }
                      >
                        <option value="BUYER">Buyer</option>
                        <option value="TENANT_ADMIN">Tenant admin</option>
                      </select>
                    </td>
                    <td>{u.active ? (u.lastLoginAt ? 'Active' : 'Invited / never signed in') : 'Deactivated'}</td>
                    <td>{formatDate(u.lastLoginAt)}</td>
                    <td className="actions">
                      {!u.lastLoginAt && u.active && (
                        <button type="button" className="secondary" onClick={() => resend.mutate(u)}>
                          Resend invitation<span className="visually-hidden"> to {u.name}</span>
                        </button>
                      )}
                      <button
                        type="button"
                        className={u.active ? 'danger' : 'secondary'}
                        onClick={() => update.mutate({ id: u.id, body: { active: !u.active } })}
                      >
                        {u.active ? 'Deactivate' : 'Reactivate'}
                        <span className="visually-hidden"> {u.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {resend.isSuccess && <p role="status">Invitation sent again.</p>}
      </section>
      <form
        className="card inline-form"
        aria-labelledby="invite-title"
        onSubmit={(e) => {
          e.preventDefault();
          invite.mutate();
        }}
      >
        <h2 id="invite-title">Invite a person</h2>
        <Field id="inv-email" label="Email" error={invite.error} field="email">
          {(p) => <input {...p} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field id="inv-name" label="Name" error={invite.error} field="name">
          {(p) => <input {...p} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field id="inv-role" label="Role" error={invite.error} field="role">
          {(p) => (
            <select {...p} value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
              <option value="BUYER">Buyer</option>
              <option value="TENANT_ADMIN">Tenant admin</option>
            </select>
          )}
        </Field>
        <ErrorMessage error={invite.error} />
        {invite.isSuccess && (
          <p role="status">
            Invitation emailed to {invite.data.user.email}; the link works until{' '}
            {formatDate(invite.data.invitationExpiresAt)}.
          </p>
        )}
        <button type="submit" disabled={invite.isPending}>
          Send invitation
        </button>
      </form>
    </>
  );
}

function Tokens() {
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: ['api-tokens'], queryFn: api.apiTokens });
  const [name, setName] = useState('');
  const [role, setRole] = useState<'BUYER' | 'TENANT_ADMIN'>('BUYER');
  const create = useMutation({
    mutationFn: () => api.createApiToken({ name, role }),
    onSuccess: () => {
      setName('');
      void qc.invalidateQueries({ queryKey: ['api-tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: api.revokeApiToken,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
  return (
    <section className="card" aria-labelledby="tok-title">
      <h2 id="tok-title">API tokens</h2>
      <ErrorMessage error={tokens.error ?? revoke.error} />
      {create.data && <ShownOnce label={`token “${create.data.name}”`} value={create.data.token} />}
      <ul className="plain">
        {(tokens.data ?? []).map((t) => (
          <li key={t.id}>
            <strong>{t.name}</strong>{' '}
            <span className="muted">
              {t.role} · created {formatDate(t.createdAt)} · last used {formatDate(t.lastUsedAt)}
            </span>{' '}
            {t.revokedAt ? (
              <span className="badge">revoked</span>
            ) : (
              <button type="button" className="danger" onClick={() => revoke.mutate(t.id)}>
                Revoke<span className="visually-hidden"> {t.name}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Field id="tok-name" label="Token name" error={create.error} field="name">
          {(p) => <input {...p} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field id="tok-role" label="Role" error={create.error} field="role">
          {(p) => (
            <select {...p} value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
              <option value="BUYER">Buyer</option>
              <option value="TENANT_ADMIN">Tenant admin</option>
            </select>
          )}
        </Field>
        <ErrorMessage error={create.error} />
        <button type="submit" disabled={create.isPending}>
          Create token
        </button>
      </form>
    </section>
  );
}

function Audit() {
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const q = useQuery({ queryKey: ['audit', cursor], queryFn: () => api.auditLog({ limit: 50, cursor }) });
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      {q.isPending && <Loading what="the audit log" />}
      <ErrorMessage error={q.error} />
      {q.data && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((a) => (
                <tr key={a.id}>
                  <td>{new Date(a.createdAt).toISOString().replace('T', ' ').slice(0, 16)}</td>
                  <td>{a.actorRole ?? ''}</td>
                  <td>{a.action}</td>
                  <td>
                    {a.targetType} <span className="muted">{a.targetId?.slice(0, 8)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {q.data?.nextCursor && (
        <button type="button" className="secondary" onClick={() => setCursor(q.data.nextCursor ?? undefined)}>
          Older entries
        </button>
      )}
    </section>
  );
}
