import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useSession } from '../session';

const ROLE_LABEL = { PLATFORM_ADMIN: 'Platform admin', TENANT_ADMIN: 'Tenant admin', BUYER: 'Buyer' } as const;

/** Header, navigation by role, sign-out; sends a signed-out visitor to the sign-in page. */
export function Shell() {
  const { user, ready, signOut } = useSession();
  const navigate = useNavigate();
  const location = useRouterState({ select: (s) => s.location });

  // Once per sign-out: the location changes while the navigation is pending, which must not navigate again.
  const redirected = useRef(false);
  useEffect(() => {
    if (ready && user) redirected.current = false;
    if (!ready || user || redirected.current || location.pathname === '/sign-in') return;
    redirected.current = true;
    void navigate({ to: '/sign-in', search: { next: location.href }, replace: true });
  }, [ready, user, navigate, location.href, location.pathname]);

  if (!ready || !user)
    return (
      <main className="center" aria-busy="true">
        <p>Loading…</p>
      </main>
    );

  const tenantPages = user.role !== 'PLATFORM_ADMIN';
  return (
    <div className="app">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">
          <span aria-hidden="true">◆ </span>Lodestone
        </span>
        <nav aria-label="Main">
          <ul>
            {tenantPages && (
              <>
                <li>
                  <Link to="/" activeOptions={{ exact: true }}>
                    Exposure
                  </Link>
                </li>
                <li>
                  <Link to="/alerts" search={{}}>
                    Alerts
                  </Link>
                </li>
                <li>
                  <Link to="/watchlist">Watchlist</Link>
                </li>
                <li>
                  <Link to="/suppliers">Suppliers</Link>
                </li>
                <li>
                  <Link to="/parts" search={{}}>
                    Parts
                  </Link>
                </li>
              </>
            )}
            <li>
              <Link to="/settings" search={{}}>
                Settings
              </Link>
            </li>
            {user.role === 'PLATFORM_ADMIN' && (
              <li>
                <Link to="/admin" search={{}}>
                  Platform
                </Link>
              </li>
            )}
          </ul>
        </nav>
        <div className="who">
          <span>
            {user.name ?? user.email ?? 'Signed in'} <span className="muted">· {ROLE_LABEL[user.role]}</span>
          </span>
          <button
            type="button"
            className="secondary"
            onClick={async () => {
              redirected.current = true;
              await signOut();
              await navigate({ to: '/sign-in', search: {} });
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
