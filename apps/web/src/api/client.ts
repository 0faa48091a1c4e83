/**
 * The console's one door to the API. Request shapes (paths, query, bodies) come from the types generated from the
 * API's OpenAPI document (src/api/generated, `npm run generate`). Where the document does not describe a response yet,
 * `Doc<Generated, Local>` falls back to a narrow local type (marked `Local:` below): as soon as the document gains the
 * schema, the generated type wins and the local one is unused. To switch to the shared `@lodestone/api-client`
 * package, replace the `G` import and `request` here; pages only import from this module.
 *
 * Auth: the access token lives in memory only; the refresh token travels in an httpOnly cookie that page scripts
 * cannot read (`X-Refresh-Transport: cookie`, see docs/console.md).
 */
import type { MatchReason, Role, Severity } from '@lodestone/shared-types';
import type * as G from './generated/types.gen';

/** The generated response type when the document has one, else the local fallback. */
type Doc<Generated, Local> = unknown extends Generated ? Local : Generated;

export type { MatchReason, Role, Severity };
export type AlertStatus = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';
export type MeasureStatus = 'IN_FORCE' | 'SUSPENDED' | 'AMENDED' | 'LIFTED' | 'EXPIRED' | 'PROPOSED' | 'REPORTED';

/** Local: GET /v1/alerts items (documented in the controller's comment, not yet in the schema). */
interface LocalAlert {
  id: string;
  tenantId: string;
  severity: Severity;
  status: AlertStatus;
  title: string;
  reasons: MatchReason[];
  assigneeId: string | null;
  createdAt: string;
  policyChangeId: string | null;
  permitEventId: string | null;
}
interface LocalHistoryEntry {
  id: string;
  alertId: string;
  actorUserId: string | null;
  kind: string;
  comment: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: string;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
/**
 * The document describes a reason's subject as one object with optional ids; the shared `MatchReason` type is the same
 * data as a discriminated union (WATCH has watchId, SUPPLIER has supplierId), which is what the pages narrow on.
 */
type WithReasons<T> = T extends { reasons: unknown } ? Omit<T, 'reasons'> & { reasons: MatchReason[] } : T;
export type Alert = WithReasons<Doc<G.AlertsApiGetResponses[200], LocalAlert & { history: LocalHistoryEntry[] }>>;
type GeneratedAlertPage = Doc<G.AlertsApiListResponses[200], Page<LocalAlert>>;
export type AlertPage = Omit<GeneratedAlertPage, 'items'> & {
  items: WithReasons<GeneratedAlertPage['items'][number]>[];
};
export type AlertQuery = NonNullable<G.AlertsApiListData['query']>;

/** Local: GET /v1/measures items (MeasureSummaryView in the API). */
interface LocalMeasureSummary {
  key: string;
  status: MeasureStatus;
  title: string | null;
  elements: string[];
  sources: string[];
  events: number;
  createdAt: string;
  updatedAt: string;
}
interface LocalMeasureEvent {
  id: string;
  source: string;
  externalId: string;
  jurisdiction: string;
  issuer: string;
  action: string;
  title: string;
  reference: string | null;
  official: boolean;
  sourceUrl: string | null;
  publishedAt: string | null;
  publishedOn: string | null;
  effectiveDate: string | null;
  endDate: string | null;
  elements: string[];
}
interface LocalMeasure extends Omit<LocalMeasureSummary, 'elements' | 'sources' | 'events'> {
  timeline: {
    role: string;
    action: string;
    official: boolean;
    statusAfter: MeasureStatus;
    occurredOn: string | null;
    recordedAt: string;
    event: LocalMeasureEvent;
  }[];
}
export type MeasurePage = Doc<G.MeasuresListResponses[200], Page<LocalMeasureSummary>>;
export type MeasureSummary = MeasurePage['items'][number];
export type Measure = Doc<G.MeasuresGetResponses[200], LocalMeasure>;

/** GET /v1/exposure: the tenant's exposure as the API computes it (by watch, supplier, element and measure). */
export type ExposureView = G.ExposureGetResponses[200];
export type ExposureItem = G.ExposureItemDto;
export type LicenceItem = G.LicenceItemDto;
export type ExposureStatus = G.ExposureItemDto['status'];

/** Local: watchlist item and supplier (documented in the controllers' comments). */
interface LocalWatch {
  id: string;
  tenantId: string;
  kind: 'ELEMENT' | 'HS_CODE' | 'CONTROL_ENTRY';
  elementSymbol: string | null;
  hsPrefix: string | null;
  controlEntry: string | null;
  jurisdiction: string | null;
  note: string | null;
  createdAt: string;
}
interface LocalSupplier {
  id: string;
  tenantId: string;
  legalNameEn: string;
  legalNameZh: string | null;
  aliases: string[];
  country: string | null;
  uscc: string | null;
  lei: string | null;
  tickers: string[];
  createdAt: string;
  updatedAt: string;
}
export type Watch = Doc<G.WatchlistListResponses[200], Page<LocalWatch>>['items'][number];
export type Supplier = Doc<G.SuppliersListResponses[200], Page<LocalSupplier>>['items'][number];

/** Every item of a cursor-paginated list (`{ items, nextCursor }`), page after page of `limit`. */
async function allPages<T>(path: string, limit: number): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await request<Page<T>>('GET', path, {
      query: { limit: String(limit), cursor: cursor ?? '' },
    });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
export type CreateWatch = G.CreateWatchDto;

/** Parts, products and what reaches them (issue 15, docs/parts.md). Decimals are strings; money carries ISO 4217. */
export type Part = G.PartDto;
export type CreatePart = G.CreatePartDto;
export type UpdatePart = G.UpdatePartDto;
export type Product = G.ProductDto;
export type Money = G.MoneyDto;
export type Quantity = G.QuantityDto;
export type SourcingSituation = G.SourcingSituation;
/** The impact summary of the exposure (no per-part list). */
export type ImpactSummary = G.PartsImpactSummaryDto;
/** The impact of one alert or of the exposure drill-down, with the affected parts. */
export type PartsImpact = G.PartsImpactDto;
export type AffectedPart = G.AffectedPartDto;
export type ExposureParts = G.ExposurePartsDto;
export type Alternatives = G.AlternativesDto;
export type CreateSupplier = G.CreateSupplierDto;
/** Local: GET /v1/watchlist/expansion items. */
export interface WatchExpansion {
  watch: { id: string };
  label: string;
  expandsTo: { kind: string; value: string; path: string; reason: string }[];
  notUsed: { kind: string; value: string; reason: string }[];
}
/** The lists a CSV import fills (POST /v1/<what>/import; the same dry run, report and per-row errors). */
export type ImportTarget = 'watchlist' | 'suppliers' | 'parts';
/** An import job (`GET /v1/imports/:id`): progress (`processed` of `total` rows) and per-row errors. */
export type ImportJob = G.ImportJobDto;
/** How far an event's fan-out to the recipients of its alerts got (GET /v1/events/:id/fanout). */
export type FanoutProgress = G.FanoutProgressDto;
/** Local: CSV import report. */
export interface ImportReport {
  dryRun: boolean;
  partial: boolean;
  rows: number;
  valid: number;
  imported: number;
  errors: { line: number; field: string; reason: string }[];
}

/** Local: GET /v1/elements. */
export interface Element {
  symbol: string;
  atomicNumber: number;
  nameEn: string;
  nameZh: string;
  isRareEarth: boolean;
  groupCn: string | null;
}

/** Local: GET /v1/control-list-entries items. */
export interface ControlEntry {
  id: string;
  entryCode: string | null;
  itemEn: string;
  itemZh: string;
  customsCodes: string[];
}

/** Local: GET /v1/users. */
export interface User {
  id: string;
  tenantId: string | null;
  email: string;
  name: string;
  role: Role;
  timeZone: string;
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

/** Local: notification preferences view `{ userId, email, timeZone, own, effective }` (own: the user's overrides). */
export interface PreferencesView {
  userId: string;
  email: string;
  timeZone: string;
  /** null until the user changed something. */
  own: Record<string, unknown> | null;
  effective: {
    timeZone: string;
    unsubscribed: boolean;
    immediate: { enabled: boolean; minSeverity: Severity };
    /** null when the digest is off (frequency NONE). */
    digest: { frequency: 'DAILY' | 'WEEKLY'; localTime: string; weekday: number; timeZone: string } | null;
    sendEmptyDigest: boolean;
    quietHours: { start: string; end: string } | null;
    criticalOverridesQuietHours: boolean;
    mutedElements: string[];
    mutedSupplierIds: string[];
  };
}
export type UpdatePreferences = G.UpdatePreferencesDto;
export type UpdateTenantDefaults = G.UpdateTenantNotificationSettingsDto;
/** Local: GET /v1/tenant/notification-settings. */
export type TenantDefaults = Required<UpdateTenantDefaults> & {
  tenantId: string;
  custom: boolean;
  updatedAt: string | null;
};

export type TokenPair = G.TokenPairDto;
export type LoginResponse = Omit<TokenPair, 'refreshToken'> & {
  user: { id: string; email: string; name: string; role: Role; tenantId: string | null };
};
/** Local: GET /v1/api-tokens items. */
export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Local: GET /v1/audit-log items. */
export interface AuditEntry {
  id: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorRole: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  createdAt: string;
}
/** Local: GET /v1/tenants items. */
export interface Tenant {
  id: string;
  slug: string;
  name: string;
  status: 'ACTIVE' | 'SUSPENDED';
  createdAt: string;
  _count?: { users: number };
}
/** Local: GET /v1/sources items. */
export interface SourceRun {
  name: string;
  kind: string;
  enabled: boolean;
  intervalMinutes: number | null;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastItemsSeen: number | null;
  lastItemsNew: number | null;
  lastError: string | null;
  consecutiveFailures: number;
  running: boolean;
}
/** Local: GET /v1/deliveries items. */
export interface Delivery {
  id: string;
  recipient: string;
  template: string;
  subject: string | null;
  status: 'PENDING' | 'SENDING' | 'SENT' | 'FAILED';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** A delivery endpoint (signed webhook, Slack or Teams) of the tenant (`/v1/webhooks`) or of one user (`/v1/me/webhooks`). */
export type Endpoint = G.EndpointDto;
export type ChannelKind = G.ChannelKind;
export type CreateEndpoint = G.CreateEndpointDto;
export type UpdateEndpoint = G.UpdateEndpointDto;
/** One attempt in an endpoint's delivery log. */
export type EndpointAttempt = G.EndpointAttemptDto;
/** Whose endpoints: the tenant's (tenant admins, `/v1/webhooks`) or the signed-in user's (`/v1/me/webhooks`). */
export type EndpointScope = 'tenant' | 'me';
const endpointsPath = (scope: EndpointScope) => (scope === 'tenant' ? '/v1/webhooks' : '/v1/me/webhooks');

/** Local: GET /v1/auth/me. */
export interface Principal {
  kind: 'user' | 'api-token';
  userId: string | null;
  tenantId: string | null;
  role: Role;
}

/** A field the API named in a 400 (`errors: [{ field, messages }]`) or an import error line. */
export interface FieldError {
  field: string;
  messages: string[];
}

/** Any API failure, in words: `message` for people, `fieldErrors` by field path (e.g. `items[0].hsCode`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly body: unknown = null,
  ) {
    super(message);
  }
  /** The messages about one field (exact path or a nested one), joined. */
  forField(field: string): string | undefined {
    const hits = this.fieldErrors.filter((e) => e.field === field || e.field.startsWith(`${field}.`));
    return hits.length ? hits.flatMap((e) => e.messages).join('; ') : undefined;
  }
}

// ---- session (memory only) ----

let accessToken: string | null = null;
let accessExpiresAt = 0;
let refreshing: Promise<boolean> | null = null;
let onSignedOut: () => void = () => {};
/** Platform admins acting inside one tenant send X-Tenant-Id. */
let actingTenantId: string | null = null;

export function setSignedOutHandler(fn: () => void): void {
  onSignedOut = fn;
}
export function setActingTenant(id: string | null): void {
  actingTenantId = id;
}
function keep(pair: { accessToken: string; accessTokenExpiresAt: string }): void {
  accessToken = pair.accessToken;
  accessExpiresAt = Date.parse(pair.accessTokenExpiresAt);
}
export function clearSession(): void {
  accessToken = null;
  accessExpiresAt = 0;
}

/** Exchanges the httpOnly refresh cookie for a new access token (one request at a time). */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const res = await fetch('/v1/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Refresh-Transport': 'cookie' },
        body: '{}',
        credentials: 'same-origin',
      });
      if (!res.ok) {
        clearSession();
        return false;
      }
      keep(await res.json());
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  const b = (body ?? {}) as { message?: unknown; errors?: unknown; retryAfterSeconds?: number };
  const fieldErrors = Array.isArray(b.errors)
    ? (b.errors as Record<string, unknown>[]).map((e) => ({
        field: String(e.field ?? ''),
        messages: Array.isArray(e.messages) ? e.messages.map(String) : [String(e.reason ?? e.message ?? '')],
      }))
    : [];
  const message = Array.isArray(b.message)
    ? b.message.join('; ')
    : typeof b.message === 'string'
      ? b.message
      : `${res.status} ${res.statusText || 'request failed'}`;
  return new ApiError(res.status, message, fieldErrors, body);
}

interface RequestOptions {
  query?: object;
  body?: unknown;
  /** Raw text body (CSV). */
  text?: { contentType: string; value: string };
  /** Accept these non-2xx statuses as data (e.g. 422 import reports). */
  acceptStatus?: number[];
  /** Do not add the bearer token. */
  anonymous?: boolean;
}

/** One API call. Refreshes the access token once on 401 and retries. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(opts.query ?? {})) {
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  }
  const url = search.size ? `${path}?${search}` : path;
  const send = async () => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (!opts.anonymous) {
      if (!accessToken || accessExpiresAt - Date.now() < 10_000) await refreshSession();
      if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
      if (actingTenantId) headers['X-Tenant-Id'] = actingTenantId;
    }
    let body: string | undefined;
    if (opts.text) {
      headers['Content-Type'] = opts.text.contentType;
      body = opts.text.value;
    } else if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    return fetch(url, { method, headers, body, credentials: 'same-origin' });
  };
  let res = await send();
  if (res.status === 401 && !opts.anonymous) {
    if (await refreshSession()) res = await send();
    if (res.status === 401) {
      clearSession();
      onSignedOut();
    }
  }
  if (res.status === 204) return undefined as T;
  if (!res.ok && !opts.acceptStatus?.includes(res.status)) throw await errorOf(res);
  return (await res.json()) as T;
}

// ---- operations ----

export const api = {
  async login(body: G.LoginDto): Promise<LoginResponse> {
    const res = await fetch('/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Refresh-Transport': 'cookie' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
    if (!res.ok) throw await errorOf(res);
    const data = (await res.json()) as LoginResponse;
    keep(data);
    return data;
  },
  async logout(): Promise<void> {
    try {
      await request<void>('POST', '/v1/auth/logout');
    } finally {
      clearSession();
    }
  },
  me: () => request<Doc<G.AuthMeResponses[200], Principal>>('GET', '/v1/auth/me'),
  acceptInvitation: (body: G.SetPasswordDto) =>
    request<TokenPair>('POST', '/v1/auth/invitations/accept', { body, anonymous: true }),
  requestPasswordReset: (body: G.PasswordResetRequestDto) =>
    request<unknown>('POST', '/v1/auth/password-reset', { body, anonymous: true }),
  confirmPasswordReset: (body: G.SetPasswordDto) =>
    request<void>('POST', '/v1/auth/password-reset/confirm', { body, anonymous: true }),

  alerts: (query: AlertQuery) => request<AlertPage>('GET', '/v1/alerts', { query }),
  alert: (id: string) => request<Alert>('GET', `/v1/alerts/${id}`),
  /** The event behind an alert, with its stored text (title, summary, body), so a reason's span shows in context. */
  event: (id: string) => request<G.EventDetailGetResponses[200]>('GET', `/v1/events/${id}`),
  acknowledge: (id: string) => request<Alert>('POST', `/v1/alerts/${id}/acknowledge`),
  setAlertStatus: (id: string, body: G.AlertStatusDto) => request<Alert>('POST', `/v1/alerts/${id}/status`, { body }),
  assign: (id: string, userId: string | null) =>
    request<Alert>('POST', `/v1/alerts/${id}/assign`, {
      body: { userId } as unknown as G.AssignAlertDto /* the document types userId as an object today */,
    }),
  comment: (id: string, body: G.CommentAlertDto) => request<unknown>('POST', `/v1/alerts/${id}/comments`, { body }),
  decideSupplierName: (body: G.DecideSupplierNameDto) =>
    request<G.SupplierNameDecisionDto>('POST', '/v1/supplier-name-decisions', { body }),

  exposure: () => request<ExposureView>('GET', '/v1/exposure'),
  measures: (query: NonNullable<G.MeasuresListData['query']>) => request<MeasurePage>('GET', '/v1/measures', { query }),
  measure: (key: string) => request<Measure>('GET', `/v1/measures/${encodeURIComponent(key)}`),
  /** The fan-out job of an event (platform admins and the ingestion token); null when it has none (404). */
  async eventFanout(eventId: string): Promise<FanoutProgress | null> {
    const res = await request<FanoutProgress | { statusCode: number }>(
      'GET',
      `/v1/events/${encodeURIComponent(eventId)}/fanout`,
      { acceptStatus: [404] },
    );
    return 'statusCode' in res ? null : res;
  },
  controlEntries: (query: NonNullable<G.ReferenceControlListEntriesData['query']>) =>
    request<Doc<G.ReferenceControlListEntriesResponses[200], ControlEntry[]>>('GET', '/v1/control-list-entries', {
      query,
    }),
  elements: () => request<Doc<G.ReferenceElementsResponses[200], Element[]>>('GET', '/v1/elements'),
  materialForms: () => request<G.MaterialFormDto[]>('GET', '/v1/material-forms'),

  watchlist: () => allPages<Watch>('/v1/watchlist', 500),
  createWatch: (body: CreateWatch) => request<Watch>('POST', '/v1/watchlist', { body }),
  updateWatch: (id: string, body: G.UpdateWatchDto) => request<Watch>('PATCH', `/v1/watchlist/${id}`, { body }),
  deleteWatch: (id: string) => request<void>('DELETE', `/v1/watchlist/${id}`),
  expansion: () =>
    allPages<Doc<G.WatchlistExpansionExpansionResponses[200], Page<WatchExpansion>>['items'][number]>(
      '/v1/watchlist/expansion',
      100,
    ),
  /** A small file answers with its report; a large one (over 256 Ki characters) with its job (202), to follow. */
  importCsv: (what: ImportTarget, csv: string, dryRun: boolean) =>
    request<ImportReport | ImportJob>('POST', `/v1/${what}/import`, {
      query: { dryRun: String(dryRun) },
      text: { contentType: 'text/csv', value: csv },
      acceptStatus: [422],
    }),

  /** An import job with its progress and the first 1,000 per-row errors. */
  importJob: (id: string) =>
    request<ImportJob>('GET', `/v1/imports/${encodeURIComponent(id)}`, { query: { errorsLimit: 1000 } }),

  suppliers: () => allPages<Supplier>('/v1/suppliers', 500),
  createSupplier: (body: CreateSupplier) => request<Supplier>('POST', '/v1/suppliers', { body }),
  updateSupplier: (id: string, body: G.UpdateSupplierDto) =>
    request<Supplier>('PATCH', `/v1/suppliers/${id}`, { body }),
  deleteSupplier: (id: string) => request<void>('DELETE', `/v1/suppliers/${id}`),

  parts: () => allPages<Part>('/v1/parts', 500),
  createPart: (body: CreatePart) => request<Part>('POST', '/v1/parts', { body }),
  updatePart: (id: string, body: UpdatePart) => request<Part>('PATCH', `/v1/parts/${id}`, { body }),
  deletePart: (id: string) => request<void>('DELETE', `/v1/parts/${id}`),
  products: () => allPages<Product>('/v1/products', 500),
  /** The affected parts of the alerts the exposure shows, each once, with the alerts reaching each. */
  exposureParts: () => request<ExposureParts>('GET', '/v1/exposure/parts'),
  /** What the tenant's parts contain that no watch covers (elements, 6-digit HS subheadings). */
  watchGaps: () => request<G.WatchGapsDto>('GET', '/v1/parts/watch-gaps'),
  /** Other sources for an element (controlling jurisdiction left out, default CN), each with its evidence. */
  alternatives: (element: string) => request<Alternatives>('GET', '/v1/exposure/alternatives', { query: { element } }),

  users: () => request<User[]>('GET', '/v1/users'),
  invite: (body: G.InviteUserDto) =>
    request<{ user: User; invitationExpiresAt: string }>('POST', '/v1/users/invitations', { body }),
  updateUser: (id: string, body: G.UpdateUserDto) => request<User>('PATCH', `/v1/users/${id}`, { body }),

  myPreferences: () => request<PreferencesView>('GET', '/v1/me/notification-preferences'),
  updateMyPreferences: (body: UpdatePreferences) =>
    request<PreferencesView>('PATCH', '/v1/me/notification-preferences', { body }),
  linkPreferences: (token: string) =>
    request<PreferencesView>('GET', '/v1/email/preferences', { query: { token }, anonymous: true }),
  updateLinkPreferences: (token: string, body: UpdatePreferences) =>
    request<PreferencesView>('PATCH', '/v1/email/preferences', { query: { token }, body, anonymous: true }),
  tenantDefaults: () => request<TenantDefaults>('GET', '/v1/tenant/notification-settings'),
  updateTenantDefaults: (body: UpdateTenantDefaults) =>
    request<TenantDefaults>('PATCH', '/v1/tenant/notification-settings', { body }),
  deliveries: (status?: string) =>
    request<Doc<G.DeliveriesListResponses[200], Delivery[]>>('GET', '/v1/deliveries', {
      query: { status },
    }),
  auditLog: (query: { limit?: number; cursor?: string } = {}) =>
    request<Page<AuditEntry>>('GET', '/v1/audit-log', { query }),

  apiTokens: () => request<ApiToken[]>('GET', '/v1/api-tokens'),
  createApiToken: (body: G.CreateApiTokenDto) =>
    request<ApiToken & { token: string }>('POST', '/v1/api-tokens', { body }),
  revokeApiToken: (id: string) => request<void>('DELETE', `/v1/api-tokens/${id}`),

  tenants: () => request<Tenant[]>('GET', '/v1/tenants'),
  createTenant: (body: G.CreateTenantDto) => request<{ tenant: Tenant }>('POST', '/v1/tenants', { body }),
  suspendTenant: (id: string) => request<Tenant>('POST', `/v1/tenants/${id}/suspend`),
  activateTenant: (id: string) => request<Tenant>('POST', `/v1/tenants/${id}/activate`),
  sources: () => request<SourceRun[]>('GET', '/v1/sources'),

  endpoints: (scope: EndpointScope) => request<G.ChannelsListResponses[200]>('GET', endpointsPath(scope)),
  createEndpoint: (scope: EndpointScope, body: CreateEndpoint) =>
    request<G.CreatedEndpointDto>('POST', endpointsPath(scope), { body }),
  updateEndpoint: (scope: EndpointScope, id: string, body: UpdateEndpoint) =>
    request<Endpoint>('PATCH', `${endpointsPath(scope)}/${id}`, { body }),
  deleteEndpoint: (scope: EndpointScope, id: string) => request<void>('DELETE', `${endpointsPath(scope)}/${id}`),
  /** Tenant endpoints only (the API has no personal rotation). 409 for SLACK and TEAMS. */
  rotateEndpointSecret: (id: string) => request<G.RotatedSecretDto>('POST', `/v1/webhooks/${id}/rotate-secret`),
  testEndpoint: (scope: EndpointScope, id: string) =>
    request<G.TestQueuedDto>('POST', `${endpointsPath(scope)}/${id}/test`),
  endpointDeliveries: (scope: EndpointScope, id: string, query: { limit?: number; cursor?: string } = {}) =>
    request<G.EndpointAttemptPage>('GET', `${endpointsPath(scope)}/${id}/deliveries`, { query }),
};
