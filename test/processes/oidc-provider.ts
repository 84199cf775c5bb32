/**
 * A real OpenID provider for the sign-in tests: oidc-provider (a certified implementation) on
 * 127.0.0.1 and a free port, with its development login and consent pages, which accept any login
 * name. Started with the clients it knows as JSON in OIDC_PROVIDER_CLIENTS
 * (`[{ client_id, client_secret, redirect_uris, token_endpoint_auth_method? }]`) and, in
 * OIDC_PROVIDER_ISSUER, an issuer identifier other than the URL it is reached at when a test needs
 * one. Prints `issuer <identifier> at <url>` once it listens.
 *
 * The login name is the account's subject and its preferred_username, and its name is the words
 * of the login name before any @. A login name that is an address gets no email claim, as in an
 * Entra ID tenant that leaves email empty and signs people in by their UPN; any other gets an
 * email claim at council.example.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type RequestListener } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

interface ClientRegistration {
  readonly client_id: string;
  readonly client_secret: string;
  readonly redirect_uris: readonly string[];
  readonly token_endpoint_auth_method?: string;
}

interface Account {
  readonly accountId: string;
  claims(): Record<string, string | boolean>;
}

// oidc-provider ships no type declarations: the little of it used here is typed by hand.
interface OidcProviderModule {
  readonly default: new (
    issuer: string,
    configuration: Record<string, unknown>,
  ) => {
    callback(): RequestListener;
    on(event: 'server_error', listener: (context: unknown, error: Error) => void): void;
  };
}

function account(login: string): Account {
  const name = login
    .split('@')[0]
    .split(/[._-]+/)
    .filter((word) => word !== '')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
  return {
    accountId: login,
    claims: () => ({
      sub: login,
      preferred_username: login,
      name,
      ...(login.includes('@') ? {} : { email: `${login}@council.example`, email_verified: true }),
    }),
  };
}

/** A fresh RS256 signing key each start: nothing to keep in the repository, nothing to expire. */
function signingKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: 'signing', alg: 'RS256', use: 'sig' };
}

const clients = JSON.parse(process.env.OIDC_PROVIDER_CLIENTS ?? '[]') as ClientRegistration[];
const { default: Provider } = createRequire(__filename)('oidc-provider') as OidcProviderModule;

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = process.env.OIDC_PROVIDER_ISSUER ?? url;
  const provider = new Provider(issuer, {
    clients,
    jwks: { keys: [signingKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount: (_context: unknown, login: string) => account(login),
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
    },
    // Entra ID puts the profile and email claims in the ID token itself, which is all the
    // relying party reads; oidc-provider keeps them for the userinfo endpoint unless told not to.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
  });
  provider.on('server_error', (_context, error) => process.stderr.write(`${error.stack}\n`));
  server.on('request', provider.callback());
  process.stdout.write(`issuer ${issuer} at ${url}\n`);
});
