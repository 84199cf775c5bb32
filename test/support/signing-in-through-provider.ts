/**
 * Signing in as council staff do, against compiled processes: the test OpenID provider
 * (dist/test/processes/oidc-provider.js) as a child process, and a browser made of fetch and a
 * cookie jar that walks its login and consent pages back to the engine's callback.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repositoryRoot } from './run-built';

/** A client registration, as oidc-provider takes it. */
export interface ProviderClient {
  readonly client_id: string;
  readonly client_secret: string;
  readonly redirect_uris: readonly string[];
  readonly token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post';
}

export interface StartedProvider {
  /** Its issuer identifier: where it listens, unless it was started with another one. */
  readonly issuer: string;
  /** Where it listens. */
  readonly url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the test provider on 127.0.0.1 and a free port, knowing `clients`; with `issuer`, it
 * names itself that instead of the URL it listens at (as behind a proxy or a relay).
 */
export function startOidcProvider(
  clients: readonly ProviderClient[],
  { issuer }: { readonly issuer?: string } = {},
): Promise<StartedProvider> {
  const entry = join(repositoryRoot, 'dist/test/processes/oidc-provider.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  const child = spawn(process.execPath, [entry], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      OIDC_PROVIDER_CLIENTS: JSON.stringify(clients),
      ...(issuer ? { OIDC_PROVIDER_ISSUER: issuer } : {}),
    },
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the OpenID provider did not start within 10 s:\n${output}`));
    }, 10_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^issuer (\S+) at (\S+)$/m.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({ issuer: match[1], url: match[2], output: () => output, stop });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the OpenID provider exited before it was ready:\n${output}`));
    });
  });
}

/** A port nothing listens on at this moment, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Visit {
  readonly method?: string;
  /** Sent as application/json. */
  readonly json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  readonly form?: Record<string, string>;
  readonly headers?: Record<string, string>;
}

/**
 * A browser, by hand: one cookie jar for every site it visits (the provider's cookies and the
 * engine's have different names), no following of redirects, and the engine's Secure cookies
 * sent back over plain HTTP, as a browser would over HTTPS.
 */
export class HttpBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(readonly name: string) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async visit(url: string | URL, visit: Visit = {}): Promise<Response> {
    const headers: Record<string, string> = { ...visit.headers };
    const jar = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (jar) headers.cookie = jar;
    let body: string | undefined;
    if (visit.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(visit.json);
    } else if (visit.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(visit.form).toString();
    }
    const response = await fetch(url, {
      method: visit.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [, name, value] = /^([^=]+)=([^;]*)/.exec(line) ?? [];
      if (!name) continue;
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}

export interface ThroughProvider {
  /** Cancel on the provider's login page instead of signing in (it answers access_denied). */
  readonly cancel?: boolean;
}

/**
 * Follows the provider from its authorisation URL to the redirect back to `callbackBase`, signing
 * in as `login` on its login page and agreeing on its consent page if it shows one (or, with
 * `cancel`, cancelling there); resolves with the callback URL the provider sends the browser to
 * (not yet visited).
 */
export async function throughProvider(
  browser: HttpBrowser,
  authorisationUrl: string,
  login: string,
  callbackBase: string,
  { cancel = false }: ThroughProvider = {},
): Promise<URL> {
  let url = new URL(authorisationUrl);
  let response = await browser.visit(url);
  for (let step = 0; step < 12; step++) {
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url);
      if (url.href.startsWith(callbackBase)) return url;
      response = await browser.visit(url);
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    if (response.status !== 200 || !action || !prompt)
      throw new Error(`unexpected page (${response.status}) at ${url.href}:\n${page}`);
    if (cancel) {
      const abort = /href="([^"]+\/abort)"/.exec(page)?.[1];
      if (!abort) throw new Error(`no way to cancel on the page at ${url.href}:\n${page}`);
      url = new URL(abort, url);
      response = await browser.visit(url);
      continue;
    }
    url = new URL(action.replace(/&amp;/g, '&'), url);
    response = await browser.visit(url, {
      form: prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt },
    });
  }
  throw new Error(`no redirect back to ${callbackBase} after 12 steps (last at ${url.href})`);
}

export interface ProviderSignIn {
  /** The engine's answer to GET /auth/identity-provider. */
  readonly began: Response;
  /** Where the provider sent the browser back to. */
  readonly callback: URL;
}

/** Begins signing in at the engine and walks the provider's pages; stops before the callback. */
export async function beginProviderSignIn(
  browser: HttpBrowser,
  engineUrl: string,
  login: string,
): Promise<ProviderSignIn> {
  const began = await browser.visit(`${engineUrl}/auth/identity-provider`);
  const location = began.headers.get('location');
  if (began.status !== 302 || !location)
    throw new Error(`beginning sign-in answered ${began.status}: ${await began.text()}`);
  const callback = await throughProvider(
    browser,
    location,
    login,
    `${engineUrl}/auth/identity-provider/callback`,
  );
  return { began, callback };
}

/**
 * The whole authorisation-code flow, as `login` at the provider: resolves with the engine's answer
 * to the callback (303 to / with the session cookie, or a refusal).
 */
export async function signInThroughProvider(
  browser: HttpBrowser,
  engineUrl: string,
  login: string,
): Promise<Response> {
  const { callback } = await beginProviderSignIn(browser, engineUrl, login);
  return browser.visit(callback);
}
