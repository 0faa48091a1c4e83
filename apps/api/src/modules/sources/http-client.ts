/** One HTTP response, body as text. */
export interface HttpResponse {
  url: string;
  status: number;
  contentType: string | null;
  body: string;
}

/**
 * The only way connectors reach the network. Injected ({@link HTTP_CLIENT}); tests use a recorded one.
 * `get` resolves for every HTTP status (the caller decides) and rejects on network errors and timeouts.
 */
export interface HttpClient {
  get(url: string, headers?: Record<string, string>): Promise<HttpResponse>;
}

export const HTTP_CLIENT = Symbol('HTTP_CLIENT');

type FetchLike = (
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal; redirect: 'follow' },
) => Promise<{
  url: string;
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

/** {@link HttpClient} over the platform `fetch`, with a timeout and a User-Agent naming Lodestone. */
export class FetchHttpClient implements HttpClient {
  constructor(
    private readonly timeoutMs: number,
    private readonly userAgent: string,
    private readonly fetchFn: FetchLike = globalThis.fetch as unknown as FetchLike,
  ) {}

  /** @throws Error on network failure or after `timeoutMs` milliseconds. */
  async get(url: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
    const res = await this.fetchFn(url, {
      headers: { 'user-agent': this.userAgent, ...headers },
      signal: AbortSignal.timeout(this.timeoutMs),
      redirect: 'follow',
    });
    return {
      url: res.url || url,
      status: res.status,
      contentType: res.headers.get('content-type'),
      body: await res.text(),
    };
  }
}

/** A recorded HTTP client for tests: answers from a map of URL (or URL prefix ending in `*`) to response. */
export class RecordedHttpClient implements HttpClient {
  readonly requested: string[] = [];
  constructor(private readonly responses: Record<string, Partial<HttpResponse> & { body: string }>) {}

  async get(url: string): Promise<HttpResponse> {
    this.requested.push(url);
    const key = Object.keys(this.responses).find(
      (k) => k === url || (k.endsWith('*') && url.startsWith(k.slice(0, -1))),
    );
    if (!key) throw new Error(`no recorded response for ${url}`);
    const r = this.responses[key]!;
    return { url, status: r.status ?? 200, contentType: r.contentType ?? null, body: r.body };
  }
}
