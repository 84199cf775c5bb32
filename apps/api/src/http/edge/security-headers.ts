import { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { freshNonce } from './csp-nonce';
import { isApiDocsPath, isApiPath } from './site-paths';

/** Where each answer's nonce goes in the policy helmet writes once. */
const NONCE_SLOT = 'NONCESLOT';

/** A header's name and value, the nonce's places in it kept as the gaps between its parts. */
interface Header {
  readonly name: string;
  readonly parts: readonly string[];
}

/**
 * The headers a helmet middleware sets. Helmet writes a policy of constant directives once, where
 * one with a nonce read per answer was built and checked again on every answer (a tenth of the
 * time an API read took, with its ten other middleware calls): so it is run once here, with a slot
 * where the nonce goes, and every answer is given the same headers with its own nonce put in.
 */
function headersSetBy(middleware: ReturnType<typeof helmet>): readonly Header[] {
  const headers: Header[] = [];
  const recorder = {
    setHeader: (name: string, value: string) => {
      headers.push({ name, parts: String(value).split(NONCE_SLOT) });
    },
    removeHeader: () => undefined,
  };
  let failure: unknown = null;
  middleware(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    (error?: unknown) => (failure = error ?? null),
  );
  // Helmet refuses a bad option when it is made, not when run: nothing is expected here.
  if (failure) throw new Error('helmet refused to set its headers', { cause: failure });
  return headers;
}

const hsts = (production: boolean) =>
  production ? { maxAge: 31_536_000, includeSubDomains: true } : (false as const);

/** The options of helmet's headers for pages, with a nonce or without for the styles. */
function pageHeaders(production: boolean, styles: 'nonce' | 'unsafe-inline'): HelmetOptions {
  const nonce = `'nonce-${NONCE_SLOT}'`;
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'", nonce],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", styles === 'nonce' ? nonce : "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: hsts(production),
    xFrameOptions: { action: 'deny' },
    // To this site only: a form sent after its session ended brings its page back after sign-in
    // by the Referer (signInLocation), which no-referrer kept browsers from sending at all.
    referrerPolicy: { policy: 'same-origin' },
  };
}

/**
 * The JSON API's answers are never documents: they load nothing and run nothing, so their policy
 * allows nothing, and the headers that only steer a document (its browsing context, DNS
 * prefetching, the old XSS filter, Flash and IE downloads) are left off, as OWASP's REST Security
 * Cheat Sheet lists them. No other origin may load them (CORP), nor frame or sniff them.
 */
function apiHeaders(production: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
    strictTransportSecurity: hsts(production),
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  };
}

/**
 * The headers every response carries. A page: a Content-Security-Policy that runs only this
 * origin's scripts and the page's own nonce-bearing one (its nonce in `res.locals.cspNonce`), never
 * framed; no MIME sniffing; a referrer for this site only; no X-Powered-By; and, in production, served over TLS,
 * HSTS and upgraded subresource requests. An API answer: the same but a policy that allows nothing
 * and without the headers only a document reads (apiHeaders).
 */
export function securityHeaders(production: boolean): RequestHandler {
  const pages = headersSetBy(helmet(pageHeaders(production, 'nonce')));
  // Swagger UI's page carries inline <style> blocks and style attributes it cannot put a nonce on;
  // a policy with a nonce ignores 'unsafe-inline', so that page gets 'unsafe-inline' alone.
  const apiDocs = headersSetBy(helmet(pageHeaders(production, 'unsafe-inline')));
  const api = headersSetBy(helmet(apiHeaders(production)));
  const headersFor = (url: string) =>
    isApiPath(url) ? (isApiDocsPath(url) ? apiDocs : api) : pages;
  return function setSecurityHeaders(request: Request, response: Response, next: NextFunction) {
    const nonce = freshNonce();
    response.locals.cspNonce = nonce;
    for (const { name, parts } of headersFor(request.url))
      response.setHeader(name, parts.length === 1 ? parts[0] : parts.join(nonce));
    next();
  };
}
