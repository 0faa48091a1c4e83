import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChannelHttpError, SafeHttpClient } from './http-client.js';
import { BlockedTargetError, embeddedIpv4, isBlockedAddress, parseChannelUrl, resolvePublic } from './ssrf.js';

describe('SSRF guard', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true], // cloud metadata
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['8.8.8.8', false],
    ['203.0.113.10', false],
    ['::1', true],
    ['::', true],
    ['fc00::1', true],
    ['fd12:3456::1', true],
    ['fe80::1', true],
    ['ff02::1', true],
    ['2001:4860:4860::8888', false],
    ['::ffff:127.0.0.1', true], // IPv4-mapped loopback
    ['::ffff:7f00:1', true], // the same, hex form
    ['::ffff:10.0.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['64:ff9b::a9fe:a9fe', true], // NAT64 of 169.254.169.254
    ['2002:c0a8:0101::1', true], // 6to4 of 192.168.1.1
    ['not-an-ip', true],
  ])('%s blocked: %s', (address, blocked) => {
    expect(isBlockedAddress(address)).toBe(blocked);
  });

  it('reads the IPv4 address inside IPv6 forms', () => {
    expect(embeddedIpv4('::ffff:192.168.0.1')).toBe('192.168.0.1');
    expect(embeddedIpv4('::ffff:c0a8:1')).toBe('192.168.0.1');
    expect(embeddedIpv4('2001:db8::1')).toBeNull();
  });

  it('refuses a host when any of its addresses is private, and when it does not resolve; allows all with the setting', async () => {
    const resolver = async (host: string) =>
      host === 'mixed.example'
        ? [
            { address: '93.184.215.14', family: 4 },
            { address: '10.0.0.7', family: 4 },
          ]
        : host === 'public.example'
          ? [{ address: '93.184.215.14', family: 4 }]
          : Promise.reject(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }));
    await expect(resolvePublic('mixed.example', false, resolver)).rejects.toThrow(/resolves to 10\.0\.0\.7/);
    await expect(resolvePublic('public.example', false, resolver)).resolves.toHaveLength(1);
    await expect(resolvePublic('nowhere.example', false, resolver)).rejects.toThrow(/does not resolve \(ENOTFOUND\)/);
    await expect(resolvePublic('[::1]', false, resolver)).rejects.toBeInstanceOf(BlockedTargetError);
    await expect(resolvePublic('mixed.example', true, resolver)).resolves.toHaveLength(2);
  });

  it('accepts https:// only (http:// with the setting), never credentials', () => {
    expect(parseChannelUrl('https://hooks.slack.com/services/T/B/x', false).host).toBe('hooks.slack.com');
    expect(() => parseChannelUrl('http://example.com/', false)).toThrow(/https:\/\//);
    expect(parseChannelUrl('http://127.0.0.1:9/', true).port).toBe('9');
    expect(() => parseChannelUrl('https://user:pw@example.com/', false)).toThrow(/user name or password/);
    expect(() => parseChannelUrl('file:///etc/passwd', true)).toThrow(/http/);
    expect(() => parseChannelUrl('not a url', false)).toThrow(/absolute URL/);
  });
});

describe('SafeHttpClient', () => {
  let server: Server;
  let port: number;
  const hits: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/redirect') res.writeHead(302, { location: '/target' }).end();
      else res.writeHead(200).end('x'.repeat(2000));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('refuses loopback targets without sending, by literal and by name, unless allowed', async () => {
    const strict = new SafeHttpClient({ timeoutMs: 1000, allowPrivate: false, userAgent: 't' });
    hits.length = 0;
    // http:// is refused first; an https:// URL to a literal loopback address is refused by the address check.
    await expect(strict.post(`https://127.0.0.1:${port}/`, '{}', {})).rejects.toMatchObject({ kind: 'blocked' });
    await expect(strict.post(`https://[::ffff:127.0.0.1]:${port}/`, '{}', {})).rejects.toMatchObject({
      kind: 'blocked',
    });
    await expect(strict.post(`https://localhost:${port}/`, '{}', {})).rejects.toMatchObject({ kind: 'blocked' });
    expect(hits).toEqual([]);
    const open = new SafeHttpClient({ timeoutMs: 1000, allowPrivate: true, userAgent: 't' });
    const res = await open.post(`http://127.0.0.1:${port}/ok`, '{}', {});
    expect(res.status).toBe(200);
    expect(res.excerpt).toHaveLength(500);
  });

  it('checks again at connect time: a name that turned private since it was saved (DNS rebinding) is refused', async () => {
    let calls = 0;
    // First answer public (as when the endpoint was saved), then loopback (the rebinding attack).
    const rebinding = async () =>
      calls++ === 0 ? [{ address: '93.184.215.14', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
    await expect(resolvePublic('rebind.example', false, rebinding)).resolves.toHaveLength(1);
    const client = new SafeHttpClient({ timeoutMs: 1000, allowPrivate: false, userAgent: 't' }, rebinding);
    hits.length = 0;
    const error = await client.post(`https://rebind.example:${port}/`, '{}', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelHttpError);
    expect((error as ChannelHttpError).kind).toBe('blocked');
    expect((error as ChannelHttpError).message).toMatch(/127\.0\.0\.1/);
    expect(hits).toEqual([]);
  });

  it('does not follow redirects: the 302 is the answer', async () => {
    const open = new SafeHttpClient({ timeoutMs: 1000, allowPrivate: true, userAgent: 't' });
    hits.length = 0;
    expect((await open.post(`http://127.0.0.1:${port}/redirect`, '{}', {})).status).toBe(302);
    expect(hits).toEqual(['/redirect']);
  });
});
