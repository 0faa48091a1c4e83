/**
 * @lodestone/api-client: the Lodestone API's types and one function per operation, generated from the API's OpenAPI
 * document (apps/api/openapi.json) by @hey-api/openapi-ts, plus {@link createApiClient}, which configures the fetch
 * client the way the web console needs it.
 *
 * ```ts
 * import { alertsApiList, createApiClient } from '@lodestone/api-client';
 * const client = createApiClient({ getAccessToken: () => session.accessToken });
 * const { data, error } = await alertsApiList({ client, query: { status: 'OPEN', limit: 50 } });
 * // data: AlertPage | undefined; error: ErrorResponseDto | undefined (error.errors names each bad field)
 * ```
 */
import { type Client, createClient, createConfig } from './generated/client/index.js';

export * from './generated/index.js';
export type { Client } from './generated/client/index.js';

/** A value, or a promise of it (token and tenant providers may be async, e.g. refreshing first). */
type MaybePromise<T> = T | Promise<T>;

/** How {@link createApiClient} reaches the API. */
export interface ApiClientOptions {
  /**
   * Where the API is: '' (the default) for the same origin as the page, as when the API process serves the console;
   * an absolute URL otherwise (e.g. 'http://127.0.0.1:3000'; Node's fetch needs one).
   */
  baseUrl?: string;
  /**
   * The access token to send as `Authorization: Bearer <token>` on operations that take one; return null or undefined
   * when there is none (signed out, or the session travels in an httpOnly cookie). Called before every such request.
   */
  getAccessToken?: () => MaybePromise<string | null | undefined>;
  /**
   * Platform admins: the tenant to act in, sent as `X-Tenant-Id` on every request that does not set it itself (tenant
   * users' own tenant always wins on the server). Return null for none.
   */
  getTenantId?: () => MaybePromise<string | null | undefined>;
  /** `fetch` to use (tests, instrumentation); globalThis.fetch by default. */
  fetch?: typeof fetch;
}

/**
 * A fetch client for the generated operation functions (pass it as `{ client }`): base URL, cookies sent
 * (`credentials: 'include'`, for an httpOnly refresh cookie), the bearer token from `getAccessToken`, and the
 * platform admin's `X-Tenant-Id` from `getTenantId`. Errors come back as `{ error }` in the ErrorResponseDto shape
 * (nothing is thrown unless an operation is called with `throwOnError: true`).
 */
export function createApiClient(options: ApiClientOptions = {}): Client {
  const client = createClient(
    createConfig({
      baseUrl: options.baseUrl ?? '',
      credentials: 'include',
      fetch: options.fetch,
      auth: async () => (await options.getAccessToken?.()) ?? undefined,
    }),
  );
  const tenantOf = options.getTenantId;
  if (tenantOf) {
    client.interceptors.request.use(async (request) => {
      if (!request.headers.has('X-Tenant-Id')) {
        const tenantId = await tenantOf();
        if (tenantId) request.headers.set('X-Tenant-Id', tenantId);
      }
      return request;
    });
  }
  return client;
}
