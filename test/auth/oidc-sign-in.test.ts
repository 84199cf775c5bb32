/**
 * The OpenID Connect sign-in, end to end: the real adapter on openid-client, in a compiled
 * process of its own (ts-jest cannot load that ES module), against a real OpenID provider
 * (oidc-provider, also a compiled process), walked through with plain HTTP as a browser would.
 *
 * Provider A, the council's, is reached through a relay this test runs, standing where a network
 * attacker or a compromised token endpoint would: it passes everything through, except that it
 * can swap the ID token in a token response for another one, so the relying party's own ID token
 * checks meet genuine tokens signed by a genuine provider. Provider A's issuer identifier is the
 * relay's URL; reached at its own URL, it is a provider whose issuer is not its address. Provider
 * B is another issuer altogether, where the same client id is registered.
 */
import {
  type OidcAuthorisationRequest,
  type OidcChecks,
  type OidcIdentity,
  type OidcRefusalReason,
  type OpenIdClientSignInSettings,
} from '@sg/auth';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { repositoryRoot } from '../support/run-built';

const REDIRECT_URI = 'https://service-guarantee.council.example/sign-in/callback';

interface Client {
  readonly client_id: string;
  readonly client_secret: string;
  readonly redirect_uris: readonly string[];
  readonly token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post';
}

const PORTAL: Client = {
  client_id: 'service-guarantee',
  client_secret: 'service-guarantee-secret-for-tests-only',
  redirect_uris: [REDIRECT_URI],
};
const PORTAL_POSTING_ITS_SECRET: Client = {
  client_id: 'service-guarantee-post',
  client_secret: 'service-guarantee-post-secret-for-tests-only',
  redirect_uris: [REDIRECT_URI],
  token_endpoint_auth_method: 'client_secret_post',
};
/** Another application of the same council, registered with the same provider. */
const OTHER_APPLICATION: Client = {
  client_id: 'another-application',
  client_secret: 'another-application-secret-for-tests-only',
  redirect_uris: [REDIRECT_URI],
};

/** A compiled script under dist/test/processes, started and stopped by the test. */
class BuiltProcess {
  private output = '';
  private readonly exited: Promise<void>;

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    const collect = (chunk: Buffer) => (this.output += chunk.toString());
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    this.exited = new Promise((resolve) => child.on('exit', () => resolve()));
  }

  static start(script: string, env: NodeJS.ProcessEnv = {}): BuiltProcess {
    const entry = join(repositoryRoot, 'dist/test/processes', `${script}.js`);
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
    return new BuiltProcess(
      spawn(process.execPath, [entry], { cwd: repositoryRoot, env: { ...process.env, ...env } }),
    );
  }

  /** The first match of `line` in what the process writes, once it has written it. */
  waitFor(line: RegExp): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const look = () => {
        const match = line.exec(this.output);
        if (!match) return;
        this.child.stdout.off('data', look);
        resolve(match);
      };
      this.child.stdout.on('data', look);
      void this.exited.then(() => reject(new Error(`the process exited:\n${this.output}`)));
      look();
    });
  }

  stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    return this.exited;
  }
}

interface StartedProvider {
  readonly process: BuiltProcess;
  readonly issuer: string;
  /** Where it listens, which is not its issuer when it was started with another one. */
  readonly url: string;
}

async function startProvider(clients: Client[], issuer?: string): Promise<StartedProvider> {
  const started = BuiltProcess.start('oidc-provider', {
    OIDC_PROVIDER_CLIENTS: JSON.stringify(clients),
    ...(issuer ? { OIDC_PROVIDER_ISSUER: issuer } : {}),
  });
  const [, announcedIssuer, url] = await started.waitFor(/^issuer (\S+) at (\S+)$/m);
  return { process: started, issuer: announcedIssuer, url };
}

interface RelayedRequest {
  readonly path: string;
  readonly authorization: string | undefined;
  body: string;
}

/**
 * Passes HTTP through to a provider, except an ID token it has been told to swap in, and keeps
 * what each request carried.
 */
class Relay {
  readonly requests: RelayedRequest[] = [];
  private readonly server: Server;
  private target = '';
  private swapIn: string | undefined;

  private constructor() {
    this.server = createServer((incoming, outgoing) => this.forward(incoming, outgoing));
  }

  static async start(): Promise<Relay> {
    const relay = new Relay();
    await new Promise<void>((resolve) => relay.server.listen(0, '127.0.0.1', resolve));
    return relay;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  to(target: string): void {
    this.target = target;
  }

  /** The next answer carrying an ID token carries this one instead. */
  swapNextIdToken(idToken: string): void {
    this.swapIn = idToken;
  }

  get swapPending(): boolean {
    return this.swapIn !== undefined;
  }

  /** The last request to the token endpoint (oidc-provider's is at /token). */
  lastTokenRequest(): RelayedRequest | undefined {
    return this.requests.filter((relayed) => relayed.path === '/token').at(-1);
  }

  private forward(incoming: IncomingMessage, outgoing: ServerResponse): void {
    const relayed = {
      path: incoming.url ?? '/',
      authorization: incoming.headers.authorization,
      body: '',
    };
    this.requests.push(relayed);
    incoming.on('data', (chunk: Buffer) => (relayed.body += chunk.toString()));
    const upstream = request(
      new URL(incoming.url ?? '/', this.target),
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        const json = answer.headers['content-type']?.startsWith('application/json');
        if (this.swapIn === undefined || !json) {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
          if (typeof body.id_token === 'string' && this.swapIn !== undefined) {
            body.id_token = this.swapIn;
            this.swapIn = undefined;
          }
          const swapped = JSON.stringify(body);
          outgoing.writeHead(answer.statusCode ?? 502, {
            ...answer.headers,
            'content-length': Buffer.byteLength(swapped),
          });
          outgoing.end(swapped);
        });
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

type Answer =
  | { readonly ok: unknown }
  | { readonly refused: { readonly reason: OidcRefusalReason; readonly message: string } }
  | { readonly failed: string };

/** The compiled relying-party process, which runs the real adapter (see its header). */
class RelyingParty {
  private readonly waiting = new Map<number, (answer: Answer) => void>();
  private lastId = 0;

  private constructor(private readonly started: BuiltProcess) {
    createInterface({ input: started.child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const { id, ...answer } = JSON.parse(line) as { id: number } & Answer;
      this.waiting.get(id)?.(answer);
      this.waiting.delete(id);
    });
  }

  static async start(): Promise<RelyingParty> {
    const started = BuiltProcess.start('oidc-relying-party');
    await started.waitFor(/^ready$/m);
    return new RelyingParty(started);
  }

  ask(request: object): Promise<Answer> {
    const id = ++this.lastId;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.started.child.stdin.write(`${JSON.stringify({ id, ...request })}\n`);
    });
  }

  async create(settings: OpenIdClientSignInSettings): Promise<number> {
    return okOf(await this.ask({ op: 'create', settings })) as number;
  }

  async begin(signIn: number): Promise<OidcAuthorisationRequest> {
    return okOf(await this.ask({ op: 'begin', signIn })) as OidcAuthorisationRequest;
  }

  complete(signIn: number, callbackUrl: URL, checks: OidcChecks): Promise<Answer> {
    return this.ask({ op: 'complete', signIn, callbackUrl: callbackUrl.href, checks });
  }

  stop(): Promise<void> {
    this.started.child.stdin.end();
    return this.started.stop();
  }
}

function okOf(answer: Answer): unknown {
  if ('ok' in answer) return answer.ok;
  throw new Error(`expected an answer, got ${JSON.stringify(answer)}`);
}

/** A browser on the provider's pages: its cookies, and no following of redirects by itself. */
class Browser {
  private readonly cookies = new Map<string, string>();

  async visit(url: URL, form?: Record<string, string>): Promise<Response> {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      body: form ? new URLSearchParams(form) : undefined,
      headers: { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
      redirect: 'manual',
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [, name, value] = /^([^=]+)=([^;]*)/.exec(cookie) ?? [];
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /**
   * Follows the provider from the authorisation URL to the redirect back to the relying party,
   * signing in as `login` on the login page and agreeing on the consent page if it shows one;
   * or, when `cancel` is set, cancelling on the login page instead.
   */
  async signIn(authorisationUrl: string, login: string, cancel = false): Promise<URL> {
    let url = new URL(authorisationUrl);
    let response = await this.visit(url);
    for (let step = 0; step < 12; step++) {
      const location = response.headers.get('location');
      if (location) {
        url = new URL(location, url);
        if (url.href.startsWith(REDIRECT_URI)) return url;
        response = await this.visit(url);
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
        response = await this.visit(url);
        continue;
      }
      url = new URL(action.replace(/&amp;/g, '&'), url);
      response = await this.visit(
        url,
        prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt },
      );
    }
    throw new Error(`no redirect back to ${REDIRECT_URI} after 12 steps (last at ${url.href})`);
  }
}

/** What a client gets for a code at the token endpoint, asked directly by the test. */
async function exchangeCode(
  issuerOrUrl: string,
  client: Client,
  callbackUrl: URL,
  codeVerifier: string,
): Promise<{ id_token: string }> {
  const metadata = (await (
    await fetch(new URL('/.well-known/openid-configuration', issuerOrUrl))
  ).json()) as { token_endpoint: string };
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: callbackUrl.searchParams.get('code') ?? '',
      redirect_uri: REDIRECT_URI,
      code_verifier: codeVerifier,
    }),
  });
  if (!response.ok) throw new Error(`token endpoint: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id_token: string };
}

/** The client id and secret of a Basic authorization header, each form-encoded (RFC 6749 2.3.1). */
function basicCredentials(authorization: string | undefined): string[] | undefined {
  const [scheme, encoded] = authorization?.split(' ') ?? [];
  if (scheme !== 'Basic') return undefined;
  return Buffer.from(encoded, 'base64')
    .toString()
    .split(':')
    .map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
}

function claimsOf(idToken: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

/** The same authorisation request with another nonce, as an attacker would send their own. */
function withNonce(authorisationUrl: string, nonce: string): string {
  const url = new URL(authorisationUrl);
  url.searchParams.set('nonce', nonce);
  return url.href;
}

describe('OpenID Connect sign-in against a real provider', () => {
  let relay: Relay;
  let providerA: StartedProvider;
  let providerB: StartedProvider;
  let relyingParty: RelyingParty;
  /** The sign-ins configured in the relying party. */
  let portal: number;
  let portalPosting: number;
  let otherApplication: number;
  let portalAtB: number;

  const settings = (client: Client, issuerUrl: string): OpenIdClientSignInSettings => ({
    issuerUrl,
    clientId: client.client_id,
    clientSecret: client.client_secret,
    redirectUri: REDIRECT_URI,
    clientAuthentication: client.token_endpoint_auth_method,
    allowInsecureHttp: true,
  });

  beforeAll(async () => {
    relay = await Relay.start();
    [providerA, providerB, relyingParty] = await Promise.all([
      startProvider([PORTAL, PORTAL_POSTING_ITS_SECRET, OTHER_APPLICATION], relay.url),
      startProvider([PORTAL]),
      RelyingParty.start(),
    ]);
    relay.to(providerA.url);
    [portal, portalPosting, otherApplication, portalAtB] = await Promise.all([
      relyingParty.create(settings(PORTAL, relay.url)),
      relyingParty.create(settings(PORTAL_POSTING_ITS_SECRET, relay.url)),
      relyingParty.create(settings(OTHER_APPLICATION, relay.url)),
      relyingParty.create(settings(PORTAL, providerB.issuer)),
    ]);
  }, 30_000);

  afterAll(async () => {
    await Promise.all([
      relyingParty?.stop(),
      providerA?.process.stop(),
      providerB?.process.stop(),
      relay?.stop(),
    ]);
  });

  it('signs a person in through the whole authorisation-code flow (PKCE S256, client_secret_basic)', async () => {
    const { url, checks } = await relyingParty.begin(portal);

    const requested = new URL(url).searchParams;
    expect(Object.fromEntries(requested)).toEqual({
      client_id: PORTAL.client_id,
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: 'openid email profile',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: createHash('sha256').update(checks.codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
    });

    const callback = await new Browser().signIn(url, 'alex.morgan');
    expect(callback.searchParams.get('state')).toBe(checks.state);
    expect(callback.searchParams.get('code')).toEqual(expect.any(String));

    expect(await relyingParty.complete(portal, callback, checks)).toEqual({
      ok: {
        issuer: relay.url,
        subject: 'alex.morgan',
        email: 'alex.morgan@council.example',
        name: 'Alex Morgan',
      } satisfies OidcIdentity,
    });
    const tokenRequest = relay.lastTokenRequest();
    expect(basicCredentials(tokenRequest?.authorization)).toEqual([
      PORTAL.client_id,
      PORTAL.client_secret,
    ]);
    expect(new URLSearchParams(tokenRequest?.body).has('client_secret')).toBe(false);
  });

  it('authenticates with client_secret_post when configured to, and finds the email in a UPN', async () => {
    const { url, checks } = await relyingParty.begin(portalPosting);
    const callback = await new Browser().signIn(url, 'sam.patel@council.example');

    // An address for a login name: no email claim, the address in preferred_username.
    expect(await relyingParty.complete(portalPosting, callback, checks)).toEqual({
      ok: {
        issuer: relay.url,
        subject: 'sam.patel@council.example',
        email: 'sam.patel@council.example',
        name: 'Sam Patel',
      },
    });
    const tokenRequest = relay.lastTokenRequest();
    expect(tokenRequest?.authorization).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body))).toMatchObject({
      client_id: PORTAL_POSTING_ITS_SECRET.client_id,
      client_secret: PORTAL_POSTING_ITS_SECRET.client_secret,
    });
  });

  it('begins each sign-in with its own state, nonce and code verifier', async () => {
    const [first, second] = await Promise.all([
      relyingParty.begin(portal),
      relyingParty.begin(portal),
    ]);
    expect(first.checks.state).not.toBe(second.checks.state);
    expect(first.checks.nonce).not.toBe(second.checks.nonce);
    expect(first.checks.codeVerifier).not.toBe(second.checks.codeVerifier);
  });

  it('refuses a callback that answers another sign-in than the one this browser began', async () => {
    const attackers = await relyingParty.begin(portal);
    const victims = await relyingParty.begin(portal);
    // Login CSRF: the attacker's own callback, opened in the victim's browser.
    const callback = await new Browser().signIn(attackers.url, 'mallory');

    expect(await relyingParty.complete(portal, callback, victims.checks)).toEqual({
      refused: { reason: 'STATE_MISMATCH', message: expect.any(String) },
    });
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const { url, checks } = await relyingParty.begin(portal);
    const another = await relyingParty.begin(portal);
    const callback = await new Browser().signIn(url, 'alex.morgan');

    expect(
      await relyingParty.complete(portal, callback, { ...checks, nonce: another.checks.nonce }),
    ).toEqual({
      refused: { reason: 'ID_TOKEN_REJECTED', message: expect.stringContaining('"nonce"') },
    });
  });

  it('refuses a code exchanged without the PKCE verifier it was requested with', async () => {
    const { url, checks } = await relyingParty.begin(portal);
    const another = await relyingParty.begin(portal);
    const callback = await new Browser().signIn(url, 'alex.morgan');

    expect(
      await relyingParty.complete(portal, callback, {
        ...checks,
        codeVerifier: another.checks.codeVerifier,
      }),
    ).toEqual({
      refused: { reason: 'PROVIDER_ERROR', message: expect.stringContaining('invalid_grant') },
    });
  });

  it('refuses an ID token issued to another client, even with the right nonce', async () => {
    const victims = await relyingParty.begin(portal);
    // The other application's own sign-in, sent with the victim's nonce, yields a genuine ID
    // token from the same provider for the other application's audience.
    const others = await relyingParty.begin(otherApplication);
    const othersCallback = await new Browser().signIn(
      withNonce(others.url, victims.checks.nonce),
      'mallory',
    );
    const { id_token: othersIdToken } = await exchangeCode(
      relay.url,
      OTHER_APPLICATION,
      othersCallback,
      others.checks.codeVerifier,
    );
    expect(claimsOf(othersIdToken)).toMatchObject({
      aud: OTHER_APPLICATION.client_id,
      iss: relay.url,
      nonce: victims.checks.nonce,
    });

    const callback = await new Browser().signIn(victims.url, 'alex.morgan');
    relay.swapNextIdToken(othersIdToken);
    const answer = await relyingParty.complete(portal, callback, victims.checks);

    expect(relay.swapPending).toBe(false);
    expect(answer).toEqual({
      refused: { reason: 'ID_TOKEN_REJECTED', message: expect.stringContaining('"aud"') },
    });
  });

  it('refuses an ID token from another issuer, even for this client and with the right nonce', async () => {
    const victims = await relyingParty.begin(portal);
    const atB = await relyingParty.begin(portalAtB);
    const callbackAtB = await new Browser().signIn(
      withNonce(atB.url, victims.checks.nonce),
      'alex.morgan',
    );
    const { id_token: idTokenFromB } = await exchangeCode(
      providerB.url,
      PORTAL,
      callbackAtB,
      atB.checks.codeVerifier,
    );
    expect(claimsOf(idTokenFromB)).toMatchObject({
      aud: PORTAL.client_id,
      iss: providerB.issuer,
      sub: 'alex.morgan',
      nonce: victims.checks.nonce,
    });

    const callback = await new Browser().signIn(victims.url, 'alex.morgan');
    relay.swapNextIdToken(idTokenFromB);
    const answer = await relyingParty.complete(portal, callback, victims.checks);

    expect(relay.swapPending).toBe(false);
    expect(answer).toEqual({
      refused: { reason: 'ID_TOKEN_REJECTED', message: expect.stringContaining('"iss"') },
    });
  });

  it('refuses a callback that names another issuer than the one the sign-in began with', async () => {
    const { url, checks } = await relyingParty.begin(portal);
    const callback = await new Browser().signIn(url, 'alex.morgan');
    expect(callback.searchParams.get('iss')).toBe(relay.url);
    callback.searchParams.set('iss', providerB.issuer);

    expect(await relyingParty.complete(portal, callback, checks)).toEqual({
      refused: { reason: 'ISSUER_MISMATCH', message: expect.any(String) },
    });
  });

  it('refuses a code the provider issued to another client', async () => {
    const victims = await relyingParty.begin(portal);
    const others = await relyingParty.begin(otherApplication);
    const othersCallback = await new Browser().signIn(others.url, 'mallory');
    const injected = new URL(REDIRECT_URI);
    injected.search = new URLSearchParams({
      code: othersCallback.searchParams.get('code') ?? '',
      state: victims.checks.state,
      iss: relay.url,
    }).toString();

    expect(await relyingParty.complete(portal, injected, victims.checks)).toEqual({
      refused: { reason: 'PROVIDER_ERROR', message: expect.stringContaining('invalid_grant') },
    });
  });

  it('reports the provider’s refusal when the person cancels at the provider', async () => {
    const { url, checks } = await relyingParty.begin(portal);
    const callback = await new Browser().signIn(url, 'alex.morgan', true);
    expect(callback.searchParams.get('error')).toBe('access_denied');

    expect(await relyingParty.complete(portal, callback, checks)).toEqual({
      refused: { reason: 'PROVIDER_ERROR', message: expect.stringContaining('access_denied') },
    });
  });

  it('refuses a provider whose issuer identifier is not the configured issuer URL', async () => {
    // Provider A reached at its own address names the relay's address as its issuer.
    expect(
      await relyingParty.ask({ op: 'create', settings: settings(PORTAL, providerA.url) }),
    ).toEqual({
      refused: {
        reason: 'ISSUER_MISMATCH',
        message: expect.stringContaining(`names itself ${relay.url}`),
      },
    });
  });

  it('uses a provider on plain http only when told to', async () => {
    expect(
      await relyingParty.ask({
        op: 'create',
        settings: { ...settings(PORTAL, relay.url), allowInsecureHttp: false },
      }),
    ).toEqual({ failed: expect.stringContaining('must be https') });
  });

  it('refuses a provider that cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));

    expect(
      await relyingParty.ask({
        op: 'create',
        settings: settings(PORTAL, `http://127.0.0.1:${port}`),
      }),
    ).toEqual({ refused: { reason: 'PROVIDER_UNREACHABLE', message: expect.any(String) } });
  });
});
