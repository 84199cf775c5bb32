import request from 'supertest';
import { type Server } from 'node:http';
import { lodgeBody, startComplaintsApp, type ComplaintsApp } from '../../support/complaints-app';

/** The policy's directives by name. */
const directivesOf = (policy: string) =>
  Object.fromEntries(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  );

describe('security headers', () => {
  let api: ComplaintsApp;
  let server: Server;
  beforeAll(async () => {
    api = await startComplaintsApp();
    server = api.app.getHttpServer() as Server;
  });
  afterAll(() => api.close());

  const API_ANSWERS: [string, () => Promise<request.Response>][] = [
    ['an API answer', () => api.as('support').get('/api/complaints')],
    ['a refusal', () => api.as('head').post('/api/complaints', {})],
    [
      'a body the parser refuses',
      () => request(server).post('/api/complaints').type('form').send('a=b'),
    ],
    ['an unknown API route', () => request(server).get('/api/nowhere')],
  ];
  const PAGE_ANSWERS: [string, () => Promise<request.Response>][] = [
    ['a page', () => request(server).get('/sign-in')],
    ['an unknown route', () => request(server).get('/nowhere')],
    ['the health check', () => request(server).get('/health')],
  ];

  it.each([...API_ANSWERS, ...PAGE_ANSWERS])(
    '%s carries them, and no X-Powered-By',
    async (_what, send) => {
      const response = await send();
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        // A page's links and forms tell this site, and no other, where they were.
        'referrer-policy': API_ANSWERS.some(([what]) => what === _what)
          ? 'no-referrer'
          : 'same-origin',
        'x-frame-options': 'DENY',
        'cross-origin-resource-policy': 'same-origin',
      });
      expect(response.headers['x-powered-by']).toBeUndefined();
      // Not behind TLS outside production, where HSTS would pin a developer's localhost to https.
      expect(response.headers['strict-transport-security']).toBeUndefined();
      expect(directivesOf(response.headers['content-security-policy'])).not.toHaveProperty(
        'upgrade-insecure-requests',
      );
    },
  );

  it.each(PAGE_ANSWERS)(
    '%s has a policy for a document: this origin’s files and its own nonce',
    async (_what, send) => {
      const response = await send();
      expect(directivesOf(response.headers['content-security-policy'])).toMatchObject({
        'default-src': ["'self'"],
        'script-src': ["'self'", expect.stringMatching(/^'nonce-[A-Za-z0-9+/]{22}=='$/)],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
      });
      expect(response.headers).toMatchObject({
        'cross-origin-opener-policy': 'same-origin',
        'x-xss-protection': '0',
      });
    },
  );

  it.each(API_ANSWERS)(
    '%s, never a document, allows nothing and has none of a document’s headers',
    async (_what, send) => {
      const response = await send();
      expect(directivesOf(response.headers['content-security-policy'])).toEqual({
        'default-src': ["'none'"],
        'frame-ancestors': ["'none'"],
      });
      for (const documentOnly of [
        'cross-origin-opener-policy',
        'origin-agent-cluster',
        'x-dns-prefetch-control',
        'x-download-options',
        'x-permitted-cross-domain-policies',
        'x-xss-protection',
      ])
        expect(response.headers[documentOnly]).toBeUndefined();
    },
  );

  it('gives each response a nonce of its own, past the 256 drawn at a time', async () => {
    const nonces = new Set<string>();
    const answers = 600;
    for (let i = 0; i < answers; i += 50) {
      const policies = await Promise.all(
        Array.from(
          { length: 50 },
          async () =>
            (await request(server).get('/no-such-page')).headers['content-security-policy'],
        ),
      );
      for (const policy of policies) nonces.add(/'nonce-([^']+)'/.exec(policy)![1]);
    }
    expect(nonces.size).toBe(answers);
  });

  it('forbids caching of every answer, refusals and pages too, but the pages’ assets', async () => {
    for (const response of [
      await api.as('support').get('/api/complaints').expect(200),
      await api.as('head').post('/api/complaints', lodgeBody()).expect(201),
      await api.as('head').post('/api/complaints', {}).expect(400),
      await request(server).get('/api/nowhere').expect(404),
      await request(server).get('/auth/sign-in').expect(404),
      await request(server).get('/AUTH/sign-in').expect(404),
      await request(server).get('/sign-in').expect(200),
      await request(server).get('/health'),
    ])
      expect(response.headers['cache-control']).toBe('no-store');
    const asset = await request(server).get('/assets/govuk-frontend.min.css').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=86400');
  });

  it('serves the OpenAPI page, whose bundled inline styles alone are allowed', async () => {
    const page = await request(server).get('/api/docs/').expect(200);
    expect(page.text).toContain('swagger-ui-init.js');
    const directives = directivesOf(page.headers['content-security-policy']);
    expect(directives['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    // Its scripts are files of this origin, which script-src 'self' allows.
    expect(page.text).not.toMatch(/<script>/);
    await request(server).get('/api/docs/swagger-ui-init.js').expect(200);
    const elsewhere = await request(server).get('/sign-in');
    expect(directivesOf(elsewhere.headers['content-security-policy'])['style-src']).toEqual([
      "'self'",
      expect.stringMatching(/^'nonce-/),
    ]);
  });

  describe('in production', () => {
    let production: ComplaintsApp;
    beforeAll(async () => {
      production = await startComplaintsApp(undefined, {
        env: { NODE_ENV: 'production', DEV_IDENTITY_HEADER: 'disabled' },
      });
    });
    afterAll(() => production.close());

    it('adds HSTS and upgrades subresource requests to https', async () => {
      const server = production.app.getHttpServer() as Server;
      const response = await request(server).get('/health');
      expect(response.headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
      expect(directivesOf(response.headers['content-security-policy'])).toHaveProperty(
        'upgrade-insecure-requests',
      );
      const answer = await request(server).get('/api/nowhere');
      expect(answer.headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
    });
  });
});
