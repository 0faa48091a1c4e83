import { readFileSync } from 'node:fs';
import {
  alertsApiList,
  authLogin,
  createApiClient,
  type AlertPage,
  type ErrorResponseDto,
  watchlistCreate,
} from './index.js';

/** A fetch that records each request and answers with `answer`. */
function recordingFetch(answer: (request: Request) => Response) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request);
    return answer(request);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('createApiClient', () => {
  const page: AlertPage = { items: [], nextCursor: null };

  it('sends the bearer token, X-Tenant-Id and cookies to operations that take a token, and types the answer', async () => {
    const { fetch, requests } = recordingFetch(() => json(200, page));
    const client = createApiClient({
      baseUrl: 'http://api.test',
      fetch,
      getAccessToken: async () => 'lsa_token',
      getTenantId: () => '0190f0c8-0000-7000-8000-000000000001',
    });
    const { data, error } = await alertsApiList({ client, query: { status: 'OPEN', limit: 5 } });
    expect(error).toBeUndefined();
    expect(data).toEqual(page);
    const [request] = requests;
    expect(request!.url).toBe('http://api.test/v1/alerts?status=OPEN&limit=5');
    expect(request!.headers.get('Authorization')).toBe('Bearer lsa_token');
    expect(request!.headers.get('X-Tenant-Id')).toBe('0190f0c8-0000-7000-8000-000000000001');
    expect(request!.credentials).toBe('include');
  });

  it('sends no Authorization to public operations, nor without a token', async () => {
    const { fetch, requests } = recordingFetch(() =>
      json(401, { statusCode: 401, message: 'Invalid email or password' }),
    );
    const client = createApiClient({ baseUrl: 'http://api.test', fetch, getAccessToken: () => 'lsa_token' });
    await authLogin({ client, body: { email: 'a@b.example', password: 'x' } });
    const signedOut = createApiClient({ baseUrl: 'http://api.test', fetch, getAccessToken: () => null });
    await alertsApiList({ client: signedOut });
    expect(requests.map((r) => r.headers.get('Authorization'))).toEqual([null, null]);
  });

  it('returns an error answer as the ErrorResponseDto, naming the bad fields', async () => {
    const body: ErrorResponseDto = {
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed: elementSymbol',
      errors: [{ field: 'elementSymbol', messages: ['elementSymbol must be a known element symbol'] }],
    };
    const { fetch } = recordingFetch(() => json(400, body));
    const client = createApiClient({ baseUrl: 'http://api.test', fetch });
    const { data, error, response } = await watchlistCreate({ client, body: { kind: 'ELEMENT', elementSymbol: 'Xx' } });
    expect(data).toBeUndefined();
    expect(response?.status).toBe(400);
    expect(error).toEqual(body);
  });

  it('is generated from the committed document, which declares every operation it exports', () => {
    const document = JSON.parse(readFileSync(new URL('../../../apps/api/openapi.json', import.meta.url), 'utf8'));
    const ids = Object.values(document.paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId: string }>).map((op) => op.operationId),
    );
    expect(ids).toContain('AlertsApi_list');
    expect(ids).toContain('Watchlist_create');
  });
});
