import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from '../testing/test-app.js';

describe('security headers, HSTS behind TLS and CORS (issue 10.14)', () => {
  let plain: INestApplication;
  let proxied: INestApplication;

  beforeAll(async () => {
    plain = await createTestApp({ DATABASE_URL: 'pglite://memory' });
    proxied = await createTestApp({
      DATABASE_URL: 'pglite://memory',
      TRUST_PROXY: 'loopback',
      CORS_ORIGINS: 'https://console.example.com',
    });
  });
  afterAll(async () => {
    await plain?.close();
    await proxied?.close();
  });

  it('sends CSP (self only, no inline scripts, not framable), nosniff, frame and referrer policy; no X-Powered-By', async () => {
    const res = await request(plain.getHttpServer()).get('/v1/elements').expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['strict-transport-security']).toBeUndefined(); // plain http
  });

  it('gives the OpenAPI UI its own CSP: inline styles allowed, scripts still from this origin only', async () => {
    const res = await request(plain.getHttpServer()).get('/docs').redirects(1).expect(200);
    expect(res.text).toContain('swagger-ui');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self';");
    // Every script the page loads is a file from this origin, which is what script-src 'self' allows.
    for (const [, src] of res.text.matchAll(/<script[^>]*src=['"]([^'"]+)['"]/g)) expect(src).not.toMatch(/^https?:/);
    expect(res.text).not.toMatch(/<script>[^<]/);
  });

  it('sends HSTS only for requests that came over TLS, and ignores X-Forwarded-Proto without TRUST_PROXY', async () => {
    const viaProxy = await request(proxied.getHttpServer()).get('/v1/elements').set('x-forwarded-proto', 'https');
    expect(viaProxy.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const spoofed = await request(plain.getHttpServer()).get('/v1/elements').set('x-forwarded-proto', 'https');
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });

  it('stays same-origin without CORS_ORIGINS, and allows only the configured origins with it', async () => {
    const origin = 'https://console.example.com';
    const none = await request(plain.getHttpServer()).get('/v1/elements').set('origin', origin);
    expect(none.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await request(proxied.getHttpServer()).get('/v1/elements').set('origin', origin);
    expect(allowed.headers['access-control-allow-origin']).toBe(origin);
    const other = await request(proxied.getHttpServer()).get('/v1/elements').set('origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(proxied.getHttpServer())
      .options('/v1/auth/login')
      .set('origin', origin)
      .set('access-control-request-method', 'POST');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
  });
});
