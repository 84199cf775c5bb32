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
import {
  freePort,
  HttpBrowser,
  type ProviderClient,
  type StartedProvider,
  startOidcProvider,
  throughProvider,
  type ThroughProvider,
} from '../support/signing-in-through-provider';

const REDIRECT_URI = 'https://service-guarantee.council.example/sign-in/callback';

const PORTAL: ProviderClient = {
  client_id: 'service-guarantee',
  client_secret: 'service-guarantee-secret-for-tests-only',
  redirect_uris: [REDIRECT_URI],
};
const PORTAL_POSTING_ITS_SECRET: ProviderClient = {
  client_id: 'service-guarantee-post',
  client_secret: 'service-guarantee-post-secret-for-tests-only',
  redirect_uris: [REDIRECT_URI],
  token_endpoint_auth_method: 'client_secret_post',
};
/** Another application of the same council, registered with the same provider. */
const OTHER_APPLICATION: ProviderClient = {
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

/**
 * A fresh browser that follows the provider from the authorisation URL as `login` to the redirect
 * back to the relying party, which it does not visit.
 */
function signIn(authorisationUrl: string, login: string, options?: ThroughProvider): Promise<URL> {
  return throughProvider(new HttpBrowser(login), authorisationUrl, login, REDIRECT_URI, options);
}

/** What a client gets for a code at the token endpoint, asked directly by the test. */
async function exchangeCode(
  issuerOrUrl: string,
  client: ProviderClient,
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

  const settings = (client: ProviderClient, issuerUrl: string): OpenIdClientSignInSettings => ({
    issuerUrl,
    clientId: client.client_id,
    clientSecret: client.client_secret,
    redirectUri: REDIRECT_URI,
    clientAuthentication: client.token_endpoint_auth_method,
    allowInsecureHttp: true,
  });

  /**
   * The portal's sign-in, completed with a genuine ID token swapped into the token response: one
   * from another sign-in (of `client`, at the provider reached at `providerUrl`), as `login`, sent
   * with the portal sign-in's nonce, as an attacker would get one. Resolves with the swapped
   * token's claims and the relying party's answer.
   */
  async function completedWithIdTokenFrom(
    login: string,
    theirs: { signIn: number; client: ProviderClient; providerUrl: string },
  ): Promise<{ claims: Record<string, unknown>; answer: Answer }> {
    const victims = await relyingParty.begin(portal);
    const begun = await relyingParty.begin(theirs.signIn);
    const theirCallback = await signIn(withNonce(begun.url, victims.checks.nonce), login);
    const { id_token: idToken } = await exchangeCode(
      theirs.providerUrl,
      theirs.client,
      theirCallback,
      begun.checks.codeVerifier,
    );
    const claims = claimsOf(idToken);
    expect(claims.nonce).toBe(victims.checks.nonce);

    const callback = await signIn(victims.url, 'alex.morgan');
    relay.swapNextIdToken(idToken);
    const answer = await relyingParty.complete(portal, callback, victims.checks);
    expect(relay.swapPending).toBe(false);
    return { claims, answer };
  }

  beforeAll(async () => {
    relay = await Relay.start();
    [providerA, providerB, relyingParty] = await Promise.all([
      startOidcProvider([PORTAL, PORTAL_POSTING_ITS_SECRET, OTHER_APPLICATION], {
        issuer: relay.url,
      }),
      startOidcProvider([PORTAL]),
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
    await Promise.all([relyingParty?.stop(), providerA?.stop(), providerB?.stop(), relay?.stop()]);
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

    const callback = await signIn(url, 'alex.morgan');
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
    const callback = await signIn(url, 'sam.patel@council.example');

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
    const callback = await signIn(attackers.url, 'mallory');

    expect(await relyingParty.complete(portal, callback, victims.checks)).toEqual({
      refused: { reason: 'STATE_MISMATCH', message: expect.any(String) },
    });
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const { url, checks } = await relyingParty.begin(portal);
    const another = await relyingParty.begin(portal);
    const callback = await signIn(url, 'alex.morgan');

    expect(
      await relyingParty.complete(portal, callback, { ...checks, nonce: another.checks.nonce }),
    ).toEqual({
      refused: { reason: 'ID_TOKEN_REJECTED', message: expect.stringContaining('"nonce"') },
    });
  });

  it('refuses a code exchanged without the PKCE verifier it was requested with', async () => {
    const { url, checks } = await relyingParty.begin(portal);
    const another = await relyingParty.begin(portal);
    const callback = await signIn(url, 'alex.morgan');

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
    // The other application's own sign-in yields a genuine ID token from the same provider, for
    // the other application's audience.
    const { claims, answer } = await completedWithIdTokenFrom('mallory', {
      signIn: otherApplication,
      client: OTHER_APPLICATION,
      providerUrl: relay.url,
    });
    expect(claims).toMatchObject({ aud: OTHER_APPLICATION.client_id, iss: relay.url });
    expect(answer).toEqual({
      refused: { reason: 'ID_TOKEN_REJECTED', message: expect.stringContaining('"aud"') },
    });
  });

  it('refuses an ID token from another issuer, even for this client and with the right nonce', async () => {
    const { claims, answer } = await completedWithIdTokenFrom('alex.morgan', {
      signIn: portalAtB,
      client: PORTAL,
      providerUrl: providerB.url,
    });
    expect(claims).toMatchObject({
      aud: PORTAL.client_id,
      iss: providerB.issuer,
      sub: 'alex.morgan',
    });
    expect(answer).toEqual({
      refused: { reason: 'ID_TOKEN_REJECTED', message: expect.stringContaining('"iss"') },
    });
  });

  it('refuses a callback that names another issuer than the one the sign-in began with', async () => {
    const { url, checks } = await relyingParty.begin(portal);
    const callback = await signIn(url, 'alex.morgan');
    expect(callback.searchParams.get('iss')).toBe(relay.url);
    callback.searchParams.set('iss', providerB.issuer);

    expect(await relyingParty.complete(portal, callback, checks)).toEqual({
      refused: { reason: 'ISSUER_MISMATCH', message: expect.any(String) },
    });
  });

  it('refuses a code the provider issued to another client', async () => {
    const victims = await relyingParty.begin(portal);
    const others = await relyingParty.begin(otherApplication);
    const othersCallback = await signIn(others.url, 'mallory');
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
    const callback = await signIn(url, 'alex.morgan', { cancel: true });
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
    const port = await freePort();
    expect(
      await relyingParty.ask({
        op: 'create',
        settings: settings(PORTAL, `http://127.0.0.1:${port}`),
      }),
    ).toEqual({ refused: { reason: 'PROVIDER_UNREACHABLE', message: expect.any(String) } });
  });
});
