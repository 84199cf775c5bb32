import { type RequestHandler } from 'express';
import helmet from 'helmet';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { cspNonceOf, issueCspNonce } from './csp-nonce';
import { isApiDocsPath } from './site-paths';

const nonce = (_request: IncomingMessage, response: ServerResponse) =>
  `'nonce-${cspNonceOf(response)}'`;

// Swagger UI's page carries inline <style> blocks and style attributes it cannot put a nonce on;
// a policy with a nonce ignores 'unsafe-inline', so that page gets 'unsafe-inline' alone.
const inlineStyles = (request: IncomingMessage, response: ServerResponse) =>
  isApiDocsPath(request.url ?? '') ? "'unsafe-inline'" : nonce(request, response);

/**
 * The headers every response carries: a Content-Security-Policy that runs only this origin's
 * scripts and the page's own nonce-bearing one, never framed; no MIME sniffing; no referrer; no
 * X-Powered-By; and, in production, served over TLS, HSTS and upgraded subresource requests.
 */
export function securityHeaders(production: boolean): RequestHandler[] {
  return [
    issueCspNonce,
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          baseUri: ["'self'"],
          scriptSrc: ["'self'", nonce],
          scriptSrcAttr: ["'none'"],
          styleSrc: ["'self'", inlineStyles],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          ...(production ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  ];
}
