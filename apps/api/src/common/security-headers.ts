import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** Where the OpenAPI UI is served (bootstrap.ts). */
export const DOCS_PATH = '/docs';

/**
 * Content-Security-Policy of everything but the OpenAPI UI: resources from this origin only, no inline scripts or
 * styles, no plugins, not framable. A same-origin web console served by this process works under it (scripts, styles,
 * images and API calls from 'self').
 */
export const API_CSP: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The OpenAPI UI at /docs: Swagger UI's page has an inline `<style>` block and inline style attributes, so styles
 * may be inline there; its scripts are files from this origin, so scripts stay 'self' only.
 */
export const DOCS_CSP: Record<string, string[]> = { ...API_CSP, 'style-src': ["'self'", "'unsafe-inline'"] };

/** Strict-Transport-Security sent on requests that arrived over TLS (one year, subdomains included). */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers of every response (helmet): CSP (see {@link API_CSP}, {@link DOCS_CSP}), X-Content-Type-Options:
 * nosniff, X-Frame-Options: DENY, Referrer-Policy: no-referrer (emailed links carry tokens), Cross-Origin-Opener/
 * Resource-Policy same-origin, no X-Powered-By. HSTS only when the request came over TLS (`req.secure`: directly, or
 * per X-Forwarded-Proto behind a proxy trusted with TRUST_PROXY); a plain-http embedded trial never gets it.
 */
export function securityHeaders(): RequestHandler {
  const common = {
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
  };
  const api = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: API_CSP } });
  const docs = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: DOCS_CSP } });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    const isDocs = req.path === DOCS_PATH || req.path.startsWith(`${DOCS_PATH}/`);
    (isDocs ? docs : api)(req, res, next);
  };
}
