import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { ErrorMessage, Field } from '../components/ui';
import { useSession } from '../session';

export function SignInPage() {
  const { signIn, user, ready } = useSession();
  const { next } = useSearch({ from: '/sign-in' });
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const asked = next?.startsWith('/') && !next.startsWith('//') ? next : null;
  // Signed in (now or already): go where the visitor was going, else to the role's home.
  useEffect(() => {
    if (ready && user) void navigate({ to: asked ?? (user.role === 'PLATFORM_ADMIN' ? '/admin' : '/'), replace: true });
  }, [ready, user, navigate, asked]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="center">
      <form className="card narrow" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in to Lodestone</h1>
        <Field id="email" label="Email" error={error} field="email">
          {(p) => (
            <input
              {...p}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field id="password" label="Password" error={error} field="password">
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <ErrorMessage error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p>
          <Link to="/reset-password" search={{}}>
            Forgot your password?
          </Link>
        </p>
      </form>
    </main>
  );
}
