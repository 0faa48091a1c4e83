import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import { ErrorMessage, Field, Loading } from '../components/ui';
import { PreferencesForm } from './preferences-form';

/** /accept-invitation?token=… from the invitation email: choose a password, then sign in. */
export function AcceptInvitationPage() {
  const { token } = useSearch({ from: '/accept-invitation' });
  const [password, setPassword] = useState('');
  const accept = useMutation({ mutationFn: () => api.acceptInvitation({ token: token ?? '', password }) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    accept.mutate();
  };
  return (
    <main className="center">
      <form className="card narrow" onSubmit={submit} aria-labelledby="inv-title">
        <h1 id="inv-title">Accept your invitation</h1>
        {!token && <p className="error">This page needs the link from your invitation email.</p>}
        {accept.isSuccess ? (
          <p role="status">
            Your account is ready.{' '}
            <Link to="/sign-in" search={{}}>
              Sign in
            </Link>{' '}
            with your email and new password.
          </p>
        ) : (
          <>
            <Field
              id="new-password"
              label="Choose a password"
              hint="At least 12 characters."
              error={accept.error}
              field="password"
            >
              {(p) => (
                <input
                  {...p}
                  type="password"
                  autoComplete="new-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              )}
            </Field>
            <ErrorMessage error={accept.error} />
            <button type="submit" disabled={accept.isPending || !token}>
              Accept and set password
            </button>
          </>
        )}
      </form>
    </main>
  );
}

/** /reset-password: without a token asks for the email; with ?token=… from the email sets a new password. */
export function ResetPasswordPage() {
  const { token } = useSearch({ from: '/reset-password' });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const requestReset = useMutation({ mutationFn: () => api.requestPasswordReset({ email }) });
  const confirm = useMutation({ mutationFn: () => api.confirmPasswordReset({ token: token ?? '', password }) });
  return (
    <main className="center">
      <div className="card narrow">
        <h1>Reset your password</h1>
        {token ? (
          confirm.isSuccess ? (
            <p role="status">
              Your password was changed and other sessions were signed out.{' '}
              <Link to="/sign-in" search={{}}>
                Sign in
              </Link>
            </p>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                confirm.mutate();
              }}
            >
              <Field
                id="reset-password"
                label="New password"
                hint="At least 12 characters."
                error={confirm.error}
                field="password"
              >
                {(p) => (
                  <input
                    {...p}
                    type="password"
                    autoComplete="new-password"
                    required
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                  />
                )}
              </Field>
              <ErrorMessage error={confirm.error} />
              <button type="submit" disabled={confirm.isPending}>
                Set new password
              </button>
            </form>
          )
        ) : requestReset.isSuccess ? (
          <p role="status">If an account exists for {email}, an email with a reset link is on its way.</p>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              requestReset.mutate();
            }}
          >
            <Field id="reset-email" label="Email" error={requestReset.error} field="email">
              {(p) => <input {...p} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />}
            </Field>
            <ErrorMessage error={requestReset.error} />
            <button type="submit" disabled={requestReset.isPending}>
              Email me a reset link
            </button>
          </form>
        )}
      </div>
    </main>
  );
}

/** /email-preferences?token=… from an email's footer: the signed link is the credential (no sign-in). */
export function EmailPreferencesPage() {
  const { token } = useSearch({ from: '/email-preferences' });
  const qc = useQueryClient();
  const prefs = useQuery({
    queryKey: ['link-preferences', token],
    queryFn: () => api.linkPreferences(token ?? ''),
    enabled: !!token,
  });
  const save = useMutation({
    mutationFn: (body: Parameters<typeof api.updateLinkPreferences>[1]) => api.updateLinkPreferences(token ?? '', body),
    onSuccess: (data) => qc.setQueryData(['link-preferences', token], data),
  });
  return (
    <main className="center">
      <div className="card">
        <h1>Email preferences</h1>
        {!token && <p className="error">This page needs the link from one of your emails.</p>}
        {prefs.isPending && token && <Loading what="your preferences" />}
        <ErrorMessage error={prefs.error} />
        {prefs.data && (
          <>
            <p>
              For <strong>{prefs.data.email}</strong>
            </p>
            <PreferencesForm view={prefs.data} save={save} />
          </>
        )}
      </div>
    </main>
  );
}
