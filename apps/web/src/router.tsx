import { createRootRoute, createRoute, createRouter, lazyRouteComponent, Outlet } from '@tanstack/react-router';
import { Shell } from './components/shell';
import { SignInPage } from './pages/sign-in';

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

const rootRoute = createRootRoute({ component: Outlet });

/** Signed-in pages, inside the app shell (the shell sends a signed-out visitor to /sign-in). */
const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: Shell });

export interface AlertsSearch {
  severity?: string;
  status?: string;
  element?: string;
  supplierId?: string;
  from?: string;
  to?: string;
  assignee?: string;
  alert?: string;
}

const routes = [
  createRoute({
    getParentRoute: () => appRoute,
    path: '/',
    component: lazyRouteComponent(() => import('./pages/exposure'), 'ExposurePage'),
  }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/alerts',
    validateSearch: (s: Record<string, unknown>): AlertsSearch => ({
      severity: str(s.severity),
      status: str(s.status),
      element: str(s.element),
      supplierId: str(s.supplierId),
      from: str(s.from),
      to: str(s.to),
      assignee: str(s.assignee),
      alert: str(s.alert),
    }),
    component: lazyRouteComponent(() => import('./pages/alerts'), 'AlertsPage'),
  }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/measures/$key',
    component: lazyRouteComponent(() => import('./pages/measure'), 'MeasurePage'),
  }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/watchlist',
    component: lazyRouteComponent(() => import('./pages/watchlist'), 'WatchlistPage'),
  }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/suppliers',
    component: lazyRouteComponent(() => import('./pages/suppliers'), 'SuppliersPage'),
  }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/parts',
    validateSearch: (s: Record<string, unknown>): { part?: string } => ({ part: str(s.part) }),
    component: lazyRouteComponent(() => import('./pages/parts'), 'PartsPage'),
  }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/settings',
    validateSearch: (s: Record<string, unknown>): { tab?: string } => ({ tab: str(s.tab) }),
    component: lazyRouteComponent(() => import('./pages/settings'), 'SettingsPage'),
  }),
  createRoute({
    getParentRoute: () => appRoute,
    path: '/admin',
    validateSearch: (s: Record<string, unknown>): { tab?: string } => ({ tab: str(s.tab) }),
    component: lazyRouteComponent(() => import('./pages/admin'), 'AdminPage'),
  }),
];

const tokenSearch = (s: Record<string, unknown>): { token?: string } => ({ token: str(s.token) });
const publicRoutes = [
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/sign-in',
    validateSearch: (s: Record<string, unknown>): { next?: string } => ({ next: str(s.next) }),
    component: SignInPage,
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/accept-invitation',
    validateSearch: tokenSearch,
    component: lazyRouteComponent(() => import('./pages/public'), 'AcceptInvitationPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/reset-password',
    validateSearch: tokenSearch,
    component: lazyRouteComponent(() => import('./pages/public'), 'ResetPasswordPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/email-preferences',
    validateSearch: tokenSearch,
    component: lazyRouteComponent(() => import('./pages/public'), 'EmailPreferencesPage'),
  }),
];

const routeTree = rootRoute.addChildren([appRoute.addChildren(routes), ...publicRoutes]);

export const router = createRouter({
  routeTree,
  defaultPreload: 'intent',
  scrollRestoration: true,
  defaultErrorComponent: ({ error }) => (
    <div className="page" role="alert">
      <h1>This page failed</h1>
      <p className="error">{error instanceof Error ? error.message : String(error)}</p>
      <p>
        <a href="/">Back to the start page</a>
      </p>
    </div>
  ),
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
