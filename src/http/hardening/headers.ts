import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

const DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
};

export interface SecurityHeaderOptions {
  /** Send `upgrade-insecure-requests` on plain-HTTP requests too (a TLS proxy that hides its scheme). */
  readonly upgradeInsecureRequests: boolean;
}

/**
 * Security headers. The CSP allows only same-origin scripts: GraphiQL is served from local
 * assets and its boot code is a separate file, so no inline script is needed.
 *
 * `upgrade-insecure-requests` goes only on requests that arrived over TLS (directly, or through a
 * trusted proxy's X-Forwarded-Proto) unless configured always: on a plain-HTTP install (Docker or
 * LAN without TLS) it would make the browser fetch the page's own scripts and styles over https,
 * which nothing answers, and leave an unstyled page with no JavaScript. Cross-Origin-Opener-Policy
 * follows the same rule.
 */
export function securityHeaders(options: SecurityHeaderOptions): RequestHandler {
  const withHeaders = (upgrade: boolean) =>
    helmet({
      contentSecurityPolicy: { useDefaults: true, directives: { ...DIRECTIVES, 'upgrade-insecure-requests': upgrade ? [] : null } },
      crossOriginEmbedderPolicy: false,
      // Browsers ignore COOP on an untrustworthy (plain-HTTP, non-loopback) origin and log an error for it.
      crossOriginOpenerPolicy: upgrade,
    });
  const secure = withHeaders(true);
  const plain = withHeaders(false);
  return (req, res, next) => (options.upgradeInsecureRequests || req.secure ? secure : plain)(req, res, next);
}

/** Browsers may call the API only from the configured origins; an empty list allows none. */
export function corsAllowList(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return cors({
    origin: (origin, done) => done(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id', 'traceparent', 'apollo-require-preflight'],
    maxAge: 600,
  });
}
