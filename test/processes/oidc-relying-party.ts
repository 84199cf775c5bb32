/**
 * The OpenID Connect relying party, driven by a test: openid-client is an ES module, which ts-jest
 * cannot load, so the tests reach the real adapter in this compiled process. One JSON request a
 * line on stdin, one JSON answer a line on stdout:
 *
 * - `{ id, op: 'create', settings }` configures a sign-in by discovery; answers `{ id, ok: n }`;
 * - `{ id, op: 'begin', signIn: n }` answers `{ id, ok: { url, checks } }`;
 * - `{ id, op: 'complete', signIn: n, callbackUrl, checks }` answers `{ id, ok: identity }`;
 *
 * and any of them `{ id, refused: { reason, message } }` for an OidcSignInRefused, or
 * `{ id, failed: message }` for any other error.
 */
import {
  createOpenIdClientSignIn,
  OidcSignInRefused,
  type OidcChecks,
  type OidcSignIn,
  type OpenIdClientSignInSettings,
} from '@sg/auth';
import { createInterface } from 'node:readline';

type Request =
  | { readonly id: number; readonly op: 'create'; readonly settings: OpenIdClientSignInSettings }
  | { readonly id: number; readonly op: 'begin'; readonly signIn: number }
  | {
      readonly id: number;
      readonly op: 'complete';
      readonly signIn: number;
      readonly callbackUrl: string;
      readonly checks: OidcChecks;
    };

const signIns: OidcSignIn[] = [];

function signIn(n: number): OidcSignIn {
  const configured = signIns[n];
  if (!configured) throw new Error(`no sign-in ${n}`);
  return configured;
}

async function perform(request: Request): Promise<unknown> {
  switch (request.op) {
    case 'create':
      return signIns.push(await createOpenIdClientSignIn(request.settings)) - 1;
    case 'begin':
      return signIn(request.signIn).begin();
    case 'complete':
      return signIn(request.signIn).complete(new URL(request.callbackUrl), request.checks);
  }
}

async function answer(request: Request): Promise<object> {
  try {
    return { id: request.id, ok: await perform(request) };
  } catch (error) {
    if (error instanceof OidcSignInRefused)
      return { id: request.id, refused: { reason: error.reason, message: error.message } };
    return { id: request.id, failed: error instanceof Error ? error.message : String(error) };
  }
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  void answer(JSON.parse(line) as Request).then((reply) =>
    process.stdout.write(`${JSON.stringify(reply)}\n`),
  );
});
process.stdout.write('ready\n');
