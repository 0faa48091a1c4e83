import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { BlockedTargetError, parseChannelUrl, resolvePublic, type Resolver, systemResolver } from './ssrf.js';

/** What a receiver answered. */
export interface ChannelHttpResponse {
  /** HTTP status code (a 3xx is returned as is: redirects are never followed). */
  status: number;
  /** The first {@link EXCERPT_CHARS} characters of the body. */
  excerpt: string;
  /** From the request's start to the end of the body, milliseconds. */
  latencyMs: number;
}

/** A request that got no HTTP answer: timeout, refused or reset connection, blocked target. */
export class ChannelHttpError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network' | 'blocked',
    message: string,
    /** Milliseconds until the failure. */
    readonly latencyMs: number,
  ) {
    super(message);
    this.name = 'ChannelHttpError';
  }
}

/** Characters of a response body kept in the delivery log. */
export const EXCERPT_CHARS = 500;

/**
 * Posts channel messages. Behind this interface so that tests can substitute it (provider token
 * {@link CHANNEL_HTTP_CLIENT}); the production one is {@link SafeHttpClient}.
 */
export interface ChannelHttpClient {
  /**
   * POSTs `body` to `url` with `headers`.
   * @returns the answer, whatever its status. @throws ChannelHttpError when there is none.
   */
  post(url: string, body: string, headers: Record<string, string>): Promise<ChannelHttpResponse>;
}

export const CHANNEL_HTTP_CLIENT = Symbol('CHANNEL_HTTP_CLIENT');

/**
 * The production {@link ChannelHttpClient}: node:http(s), no redirects, at most `timeoutMs` for the whole exchange
 * (connect, send, answer), at most 64 KiB of the answer read. SSRF-safe at connect time: the socket's DNS lookup goes
 * through {@link resolvePublic}, so the address connected to is the one checked (a name that resolved to a public
 * address when the endpoint was saved and to 127.0.0.1 now, DNS rebinding, is refused), unless `allowPrivate`.
 */
export class SafeHttpClient implements ChannelHttpClient {
  constructor(
    private readonly options: { timeoutMs: number; allowPrivate: boolean; userAgent: string },
    private readonly resolve: Resolver = systemResolver,
  ) {}

  post(rawUrl: string, body: string, headers: Record<string, string>): Promise<ChannelHttpResponse> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let url: URL;
    try {
      url = parseChannelUrl(rawUrl, this.options.allowPrivate);
    } catch (error) {
      return Promise.reject(new ChannelHttpError('blocked', (error as Error).message, 0));
    }
    const lookup: LookupFunction = (hostname, opts, callback) => {
      resolvePublic(hostname, this.options.allowPrivate, this.resolve).then(
        (addresses) => {
          const first = addresses[0]!;
          if ((opts as { all?: boolean }).all) (callback as (e: null, a: typeof addresses) => void)(null, addresses);
          else callback(null, first.address, first.family);
        },
        (error: Error) => callback(error as NodeJS.ErrnoException, '', 0),
      );
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // Checked before any socket opens (an IP literal never goes through `lookup`), and again in `lookup` at connect.
    const checked = resolvePublic(host, this.options.allowPrivate, this.resolve).catch((error: Error) => {
      throw new ChannelHttpError('blocked', error.message, elapsed());
    });
    return checked.then(() => this.exchange(send, url, body, headers, lookup, elapsed));
  }

  private exchange(
    send: typeof httpRequest,
    url: URL,
    body: string,
    headers: Record<string, string>,
    lookup: LookupFunction,
    elapsed: () => number,
  ): Promise<ChannelHttpResponse> {
    return new Promise<ChannelHttpResponse>((resolve, reject) => {
      let settled = false;
      const fail = (error: ChannelHttpError) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        reject(error);
      };
      const req = send(
        url,
        {
          method: 'POST',
          lookup,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body).toString(),
            'user-agent': this.options.userAgent,
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            if (size < 65_536) chunks.push(chunk);
            size += chunk.length;
          });
          res.on('end', () => {
            if (settled) return;
            settled = true;
            clearTimeout(deadline);
            resolve({
              status: res.statusCode ?? 0,
              excerpt: Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT_CHARS),
              latencyMs: elapsed(),
            });
          });
          res.on('error', (error) => fail(new ChannelHttpError('network', error.message, elapsed())));
        },
      );
      const deadline = setTimeout(() => {
        fail(new ChannelHttpError('timeout', `no answer within ${this.options.timeoutMs} ms`, elapsed()));
        req.destroy();
      }, this.options.timeoutMs);
      req.on('error', (error) => {
        const blocked = error instanceof BlockedTargetError;
        fail(new ChannelHttpError(blocked ? 'blocked' : 'network', error.message, elapsed()));
      });
      req.end(body);
    });
  }
}
