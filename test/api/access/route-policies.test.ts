import { Controller, Get, type INestApplication, RequestMethod, type Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { ApiTokens, Sessions } from '@sg/auth';
import { type Actor, type Role, ROLES } from '@sg/complaints';
import { Directory } from '@sg/directory';
import { type Server } from 'node:http';
import request from 'supertest';
import { SignedIn } from '../../../apps/api/src/auth/access-policy';
import { CallerIdentity } from '../../../apps/api/src/auth/caller-identity';
import { IdentityGuard } from '../../../apps/api/src/auth/identity.guard';
import {
  type DeclaredRoute,
  RoutePolicyCheck,
} from '../../../apps/api/src/auth/route-policy-check';
import { type ComplaintsApp, startComplaintsApp } from '../../support/complaints-app';

/**
 * What Express serves that is not a Nest controller route, so the identity guard never sees it.
 * Each is named, with why it may be there; anything else Express serves must be a Nest route with
 * a declared access policy.
 */
const SERVED_OUTSIDE_NEST: readonly { readonly why: string; readonly served: readonly string[] }[] =
  [
    {
      why:
        'The OpenAPI description and its Swagger UI, set up by SwaggerModule in configure-app.ts. ' +
        'Not Nest routes, so the guard never runs for them: in production staffOnlyDocuments ' +
        'mounts in front of them and lets only signed-in council staff through; in development ' +
        '(as here) they are open on purpose',
      served: [
        'GET /api/docs',
        'GET /api/docs/',
        'GET /api/docs/index.html',
        'GET /api/docs/LICENSE',
        'GET /api/docs/swagger-ui-init.js',
        'GET /api/docs/docs/swagger-ui-init.js',
        'GET /api/docs-json',
        'GET /api/docs-yaml',
        // The UI's scripts and styles, from swagger-ui-dist.
        'USE /api/docs serveStatic',
        'USE /api/docs/docs serveStatic',
      ],
    },
    {
      why:
        'The pages’ styles, scripts, fonts and images (serveAssets in pages/core/assets.ts): the ' +
        'same public files for everyone, named one by one from GOV.UK Frontend, the MoJ frontend ' +
        'and libs/web/assets',
      served: [
        'USE /assets/fonts serveStatic',
        'USE /assets/images serveStatic',
        'USE /assets/govuk-frontend.min.css serveAssetFile',
        'USE /assets/govuk-frontend.min.js serveAssetFile',
        'USE /assets/manifest.json serveAssetFile',
        'USE /assets/moj-frontend.min.css serveAssetFile',
        'USE /assets/service-guarantee.css serveAssetFile',
        'USE /assets/init.js serveAssetFile',
        'USE /assets/session-timeout.js serveAssetFile',
        // Serves nothing: turns the static files' own "not found" into the 404 it is.
        'USE /assets assetNotFound',
      ],
    },
    {
      why:
        'Prometheus metrics (serveMetrics in libs/observability, mounted in configure-app.ts): ' +
        'a scraper sends METRICS_TOKEN, which is not an API token, so the guard would refuse it. ' +
        'It answers counts and gauges, no personal data, and only to a request bearing ' +
        'METRICS_TOKEN or, without one, to a direct connection from loopback',
      served: ['GET /metrics'],
    },
  ];

/**
 * Middleware every request passes through (mounted at `/`). None of these answers a request of its
 * own accord except to refuse it: they decorate the answer or read and check the body. A new one is
 * a place a request could be answered without the guard, so it has to be added here knowingly.
 */
const EDGE_MIDDLEWARE: Readonly<Record<string, string>> = {
  setSecurityHeaders: 'helmet’s security headers, with a nonce for the pages’ inline script',
  noStoreOnPersonalPaths: 'Cache-Control: no-store on /api and /auth',
  refuseUnreadableContentEncoding: 'refuses (415) bodies in an encoding it cannot read',
  jsonOnlyOnApi: 'refuses (415) anything but JSON on /api',
  jsonParser: 'reads JSON bodies',
  urlencodedParser: 'reads the sign-in pages’ small forms',
  translateBodyReadingErrors: 'turns body-parser errors into 400/413/415',
  identifyAndLogRequest: 'gives the request its X-Request-Id and logs it once answered',
  restoreRequestLogContext: 'brings the request’s log context back after the body parsers',
};
/**
 * Nest's own anonymous middleware: its request and response hooks, first, and its handlers for an
 * unknown route (404) and for errors, last.
 */
const NEST_ANONYMOUS_MIDDLEWARE = 3;

type ExpressPath = string | RegExp | readonly (string | RegExp)[];

interface ExpressLayer {
  readonly name: string;
  readonly rawPath?: ExpressPath;
  readonly route?: { readonly path: ExpressPath; readonly methods: Record<string, boolean> };
}

const textOf = (path: ExpressPath) =>
  typeof path === 'string' || path instanceof RegExp ? String(path) : path.map(String).join(',');

/** Everything Express itself will answer: its routes, and middleware mounted at a path. */
function servedByExpress(app: INestApplication) {
  const express = app.getHttpAdapter().getInstance() as {
    router?: { stack: ExpressLayer[] };
    _router?: { stack: ExpressLayer[] };
  };
  // Express 5 keeps its router in `router`; Express 4 kept it in `_router`.
  const stack = (express.router ?? express._router)?.stack;
  if (!stack) throw new Error('Cannot find the Express router’s stack');
  const routes: string[] = [];
  const mounted: string[] = [];
  const global: string[] = [];
  for (const layer of stack) {
    if (layer.route) {
      for (const [method, on] of Object.entries(layer.route.methods))
        if (on)
          routes.push(
            `${method === '_all' ? 'ALL' : method.toUpperCase()} ${textOf(layer.route.path)}`,
          );
    } else if (layer.rawPath === '/' || layer.rawPath === undefined) global.push(layer.name);
    else mounted.push(`USE ${textOf(layer.rawPath)} ${layer.name}`);
  }
  return { routes, mounted, global };
}

/** `GET /api/complaints/:id`, as Express writes it, for a route Nest discovered. */
const keyOf = (route: Pick<DeclaredRoute, 'method' | 'path'>) =>
  `${RequestMethod[route.method]} /${route.path.split('/').filter(Boolean).join('/')}`;

/** What Express serves that is neither a Nest route with a policy nor allowed above. */
function servedWithoutPolicy(app: INestApplication, declared: readonly DeclaredRoute[]) {
  const withPolicy = new Set(declared.filter((route) => route.policy).map(keyOf));
  const allowed = new Set(SERVED_OUTSIDE_NEST.flatMap((entry) => entry.served));
  const { routes, mounted, global } = servedByExpress(app);
  const anonymous = global.filter((name) => name === '<anonymous>').length;
  return [
    ...routes.filter((route) => !withPolicy.has(route) && !allowed.has(route)),
    ...mounted.filter((layer) => !allowed.has(layer)),
    ...global
      .filter((name) => name !== '<anonymous>' && !(name in EDGE_MIDDLEWARE))
      .map((name) => `USE / ${name}`),
    ...(anonymous > NEST_ANONYMOUS_MIDDLEWARE
      ? [`USE / ${anonymous - NEST_ANONYMOUS_MIDDLEWARE} anonymous middleware Nest did not add`]
      : []),
  ];
}

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, unknown>>;
}

describe('every route declares who may call it', () => {
  let api: ComplaintsApp;
  let declared: DeclaredRoute[];

  beforeAll(async () => {
    api = await startComplaintsApp();
    declared = api.app.get(RoutePolicyCheck).routes();
  });
  afterAll(() => api?.close());

  it('finds the routes Nest serves, and every one of them declares a policy', () => {
    // Enough to be sure the discovery found the controllers, including the generated commands.
    expect(declared.length).toBeGreaterThan(60);
    expect(declared.map(keyOf)).toEqual(
      expect.arrayContaining([
        'GET /health',
        'POST /api/complaints',
        'POST /api/complaints/:id/referral',
        'GET /api/queues/triage',
        'POST /api/admin/api-tokens',
      ]),
    );
    const undeclared = declared.filter((route) => !route.policy);
    expect(undeclared.map((route) => `${route.controller}.${route.handler}`)).toEqual([]);
  });

  it('declares policies that can be met: roles the directory grants, at least one of them', () => {
    const grantable: readonly Role[] = ROLES.filter((role) => role !== 'system');
    const wrong = declared.filter(
      ({ policy }) =>
        policy?.kind === 'roles' &&
        (policy.roles.length === 0 || policy.roles.some((role) => !grantable.includes(role))),
    );
    expect(wrong.map(keyOf)).toEqual([]);
  });

  it('serves nothing through Express that is not a Nest route with a policy, or named above', () => {
    expect(servedWithoutPolicy(api.app, declared)).toEqual([]);
    // And the comparison is real: every route Nest declares is one Express serves, by that name.
    const { routes } = servedByExpress(api.app);
    expect(declared.map(keyOf).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('documents no operation that is not a Nest route with a policy', async () => {
    const document = (
      await request(api.app.getHttpServer() as Server)
        .get('/api/docs-json')
        .expect(200)
    ).body as OpenApiDocument;
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map(
        (method) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`,
      ),
    );
    expect(documented.length).toBeGreaterThan(60);
    const withPolicy = new Set(declared.filter((route) => route.policy).map(keyOf));
    expect(documented.filter((operation) => !withPolicy.has(operation))).toEqual([]);
  });
});

// --- the checks can fail ------------------------------------------------------------------------

@Controller('forgotten')
class ForgottenController {
  @Get()
  open() {
    return { reached: true };
  }
}

@Controller('declared')
class DeclaredController {
  @Get()
  @SignedIn()
  signedIn() {
    return { reached: true };
  }
}

const SOMEONE: Actor = { id: 'someone', name: 'Someone', roles: [{ role: 'finance' }] };

/**
 * A throwaway app with the real guard (as the global APP_GUARD) and, unless left out, the real
 * route check; the directory knows one person, and there are no sessions or tokens.
 */
async function throwawayApp(controllers: Type[], { check = true } = {}): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    controllers,
    providers: [
      ...(check ? [RoutePolicyCheck] : []),
      { provide: APP_GUARD, useClass: IdentityGuard },
      CallerIdentity,
      {
        provide: ConfigService,
        useValue: new ConfigService({ NODE_ENV: 'development', DEV_IDENTITY_HEADER: 'enabled' }),
      },
      {
        provide: Directory,
        useValue: { actor: (id: string) => Promise.resolve(id === SOMEONE.id ? SOMEONE : null) },
      },
      { provide: Sessions, useValue: { resolve: () => Promise.resolve(null) } },
      { provide: ApiTokens, useValue: { authenticate: () => null } },
    ],
  }).compile();
  return moduleRef.createNestApplication({ logger: false });
}

describe('the route checks refuse what they should', () => {
  const apps: INestApplication[] = [];
  const started = async (controllers: Type[], options?: { check?: boolean }) => {
    const app = await throwawayApp(controllers, options);
    apps.push(app);
    await app.init();
    return app;
  };
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
  });

  it('an app with a route that declares no policy refuses to start', async () => {
    const app = await throwawayApp([DeclaredController, ForgottenController]);
    apps.push(app);
    await expect(app.init()).rejects.toThrow(
      'Routes with no access policy: ForgottenController.open',
    );
  });

  it('the same app with every route declared starts, and its guard works', async () => {
    const app = await started([DeclaredController]);
    const server = app.getHttpServer() as Server;
    await request(server).get('/declared').expect(401);
    await request(server).get('/declared').set('X-Acting-Person', 'nobody').expect(401);
    await request(server).get('/declared').set('X-Acting-Person', SOMEONE.id).expect(200);
  });

  it('without the start-up check, the guard still refuses an undeclared route to everybody', async () => {
    const app = await started([ForgottenController], { check: false });
    const refused = await request(app.getHttpServer() as Server)
      .get('/forgotten')
      .set('X-Acting-Person', SOMEONE.id)
      .expect(403);
    expect(refused.body).toMatchObject({ code: 'NO_ACCESS_POLICY' });
  });

  it('a route or middleware added to Express behind Nest’s back is caught', async () => {
    const app = await started([DeclaredController]);
    const declaredHere = app.get(RoutePolicyCheck).routes();
    expect(servedWithoutPolicy(app, declaredHere)).toEqual([]);
    const express = app.getHttpAdapter().getInstance() as {
      get(path: string, handler: () => void): void;
      use(path: string, handler: () => void): void;
    };
    express.get('/behind-the-guard', () => undefined);
    express.use('/files', function serveFiles() {});
    expect(servedWithoutPolicy(app, declaredHere)).toEqual([
      'GET /behind-the-guard',
      'USE /files serveFiles',
    ]);
  });
});
