import request from 'supertest';
import { type Server } from 'node:http';
import { deflateSync, gzipSync } from 'node:zlib';
import { lodgeBody, startComplaintsApp, type ComplaintsApp } from '../../support/complaints-app';
import { ERROR_KEYS, rawRequest, storedEventCount } from './edge-support';
import { FORM_BODY_LIMIT } from '../../../apps/api/src/http/edge/body-reading';

interface Refusal {
  statusCode: number;
  code: string;
  message: string;
}

describe('reading request bodies', () => {
  let api: ComplaintsApp;
  let server: Server;
  beforeAll(async () => {
    api = await startComplaintsApp();
    server = api.app.getHttpServer() as Server;
  });
  afterAll(() => api.close());

  const lodgeWith = (headers: Record<string, string>, body: Buffer) =>
    rawRequest(api, {
      method: 'POST',
      path: '/api/complaints',
      headers: { 'X-Acting-Person': 'head', 'Content-Length': String(body.length), ...headers },
      body,
    });
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));

  /** Sends the request and checks the refusal's status, code and shape, and that nothing was recorded. */
  async function expectRefused(
    send: () => Promise<{ status: number; text: string }>,
    status: number,
    code: string,
  ): Promise<Refusal> {
    const before = await storedEventCount(api);
    const answer = await send();
    expect(answer.status).toBe(status);
    const body = JSON.parse(answer.text) as Refusal;
    expect(body).toMatchObject({ statusCode: status, code });
    expect(Object.keys(body).sort()).toEqual(ERROR_KEYS);
    expect(await storedEventCount(api)).toBe(before);
    return body;
  }

  it('reads a JSON body as sent, gzipped or deflated', async () => {
    for (const [encoding, body] of [
      ['identity', json(lodgeBody())],
      ['gzip', gzipSync(json(lodgeBody()))],
      ['deflate', deflateSync(json(lodgeBody()))],
    ] as const) {
      const answer = await lodgeWith(
        { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Encoding': encoding },
        body,
      );
      expect({ encoding, status: answer.status }).toEqual({ encoding, status: 201 });
    }
  });

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON;Charset="UTF-8"',
    'application/json;',
  ])('reads a body sent as %s', async (type) => {
    expect((await lodgeWith({ 'Content-Type': type }, json(lodgeBody()))).status).toBe(201);
  });

  it('refuses a body over the limit: 413', async () => {
    const body = await expectRefused(
      () =>
        lodgeWith(
          { 'Content-Type': 'application/json' },
          json(lodgeBody({ details: 'x'.repeat(150_000) })),
        ),
      413,
      'BODY_TOO_LARGE',
    );
    expect(body.message).toContain('102400 bytes');
  });

  it('refuses a chunked body that grows over the limit: 413', async () => {
    await expectRefused(
      () =>
        rawRequest(api, {
          method: 'POST',
          path: '/api/complaints',
          headers: {
            'X-Acting-Person': 'head',
            'Content-Type': 'application/json',
            'Transfer-Encoding': 'chunked',
          },
          body: json(lodgeBody({ details: 'x'.repeat(150_000) })),
        }),
      413,
      'BODY_TOO_LARGE',
    );
  });

  it.each(['ibm-1234', 'utf-16le', 'iso-8859-1'])(
    'refuses JSON in the charset %s: 415',
    async (charset) => {
      await expectRefused(
        () =>
          lodgeWith({ 'Content-Type': `application/json; charset=${charset}` }, json(lodgeBody())),
        415,
        'UNSUPPORTED_CHARSET',
      );
    },
  );

  it.each(['br', 'zstd', 'x-unknown', 'gzip, gzip'])(
    'refuses a body in the Content-Encoding %j: 415',
    async (encoding) => {
      await expectRefused(
        () =>
          lodgeWith(
            { 'Content-Type': 'application/json', 'Content-Encoding': encoding },
            json(lodgeBody()),
          ),
        415,
        'UNSUPPORTED_CONTENT_ENCODING',
      );
    },
  );

  it.each([
    ['gzip', Buffer.from('this is not gzip')],
    ['gzip', gzipSync(json(lodgeBody())).subarray(0, 40)],
    ['deflate', Buffer.from('nor is this deflate')],
  ])('refuses a corrupt %s body: 400', async (encoding, body) => {
    await expectRefused(
      () => lodgeWith({ 'Content-Type': 'application/json', 'Content-Encoding': encoding }, body),
      400,
      'CORRUPT_CONTENT_ENCODING',
    );
  });

  it.each([
    ['application/x-www-form-urlencoded', 'channel=web-form&schoolUrn=119300'],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--',
    ],
    ['text/plain', JSON.stringify(lodgeBody())],
    ['application/json-patch+json', JSON.stringify(lodgeBody())],
    ['application/json, text/plain', JSON.stringify(lodgeBody())],
  ])('refuses a %s body on a JSON route: 415, and records nothing', async (type, body) => {
    await expectRefused(
      () => lodgeWith({ 'Content-Type': type }, Buffer.from(body)),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('refuses a form posted to the API however its path is cased, as Express routes it', async () => {
    await expectRefused(
      () =>
        request(server)
          .post('/API/Complaints')
          .set('X-Acting-Person', 'head')
          .type('form')
          .send(lodgeBody()),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('refuses a body with no Content-Type on a JSON route: 415', async () => {
    await expectRefused(() => lodgeWith({}, json(lodgeBody())), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('lets a command with an empty body through without a Content-Type, to validation', async () => {
    const answer = await lodgeWith({}, Buffer.alloc(0));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses JSON that does not parse: 400', async () => {
    await expectRefused(
      () => lodgeWith({ 'Content-Type': 'application/json' }, Buffer.from('{"channel":')),
      400,
      'MALFORMED_BODY',
    );
  });

  it('refuses JSON nested 5,000 deep before parsing it: 400 naming the problem', async () => {
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    const body = await expectRefused(
      () =>
        lodgeWith(
          { 'Content-Type': 'application/json', 'Idempotency-Key': 'deep' },
          Buffer.from(
            JSON.stringify(lodgeBody()).replace('"standards":', `"deep":${deep},"standards":`),
          ),
        ),
      400,
      'BODY_TOO_DEEPLY_NESTED',
    );
    expect(body.message).toContain('32 levels');
  });

  it('counts nesting outside strings only, up to 32 levels', async () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    // 31 levels inside the body's own object: 32 in all, which validation then refuses by name.
    const deepest = await lodgeWith(
      { 'Content-Type': 'application/json' },
      Buffer.from(
        JSON.stringify(lodgeBody()).replace('"standards":', `"deep":${nested(31)},"standards":`),
      ),
    );
    expect(deepest.status).toBe(400);
    expect(JSON.parse(deepest.text)).toMatchObject({ code: 'VALIDATION_FAILED' });
    await expectRefused(
      () =>
        lodgeWith(
          { 'Content-Type': 'application/json' },
          Buffer.from(
            JSON.stringify(lodgeBody()).replace(
              '"standards":',
              `"deep":${nested(32)},"standards":`,
            ),
          ),
        ),
      400,
      'BODY_TOO_DEEPLY_NESTED',
    );
    const bracketsInText = await lodgeWith(
      { 'Content-Type': 'application/json' },
      json(lodgeBody({ details: `${'[{'.repeat(100)} "quoted \\" [[[ ${'}]'.repeat(100)}` })),
    );
    expect(bracketsInText.status).toBe(201);
  });

  it('refuses a JSON body whose bytes are not UTF-8: 400, nothing stored; any character in UTF-8 is read', async () => {
    const [before, after] = JSON.stringify(lodgeBody({ summary: 'Music lessons \u0000' })).split(
      '\\u0000',
    );
    await expectRefused(
      () =>
        lodgeWith(
          { 'Content-Type': 'application/json' },
          Buffer.concat([Buffer.from(before), Buffer.from([0xff, 0xfe]), Buffer.from(after)]),
        ),
      400,
      'BODY_NOT_UTF8',
    );
    // An overlong encoding of "/" and a lone continuation byte are not UTF-8 either.
    for (const bad of [[0xc0, 0xaf], [0x80]])
      await expectRefused(
        () =>
          lodgeWith(
            { 'Content-Type': 'application/json' },
            Buffer.concat([Buffer.from(before), Buffer.from(bad), Buffer.from(after)]),
          ),
        400,
        'BODY_NOT_UTF8',
      );
    const welsh = await lodgeWith(
      { 'Content-Type': 'application/json' },
      json(lodgeBody({ summary: 'Gwersi cerddoriaeth Ysgol Gynradd Llanfairpwll 🎻 ŵ ŷ' })),
    );
    expect(welsh.status).toBe(201);
    expect(JSON.parse(welsh.text)).toMatchObject({
      summary: 'Gwersi cerddoriaeth Ysgol Gynradd Llanfairpwll 🎻 ŵ ŷ',
    });
  });

  it('refuses a form whose escapes are not UTF-8: 400; a % that escapes nothing is itself', async () => {
    const form = (body: string) => request(server).post('/auth/not-yet').type('form').send(body);
    await expectRefused(() => form('note=caf%E9'), 400, 'BODY_NOT_UTF8');
    await expectRefused(() => form('note=%C3'), 400, 'BODY_NOT_UTF8');
    expect((await form('note=caf%C3%A9+%F0%9F%8E%BB')).status).toBe(404);
    expect((await form('note=100%+sure%zz')).status).toBe(404);
    // Declared in another charset: its bytes would be read as that, UTF-8 or not.
    const declared = (charset: string, body: string) =>
      request(server)
        .post('/auth/not-yet')
        .set('Content-Type', `application/x-www-form-urlencoded; charset=${charset}`)
        .send(body);
    await expectRefused(() => declared('iso-8859-1', 'note=caf%C3%A9'), 400, 'BODY_NOT_UTF8');
    expect((await declared('UTF-8', 'note=caf%C3%A9')).status).toBe(404);
    // A browser, which asks for HTML, is shown the page that says so, on sign-in's pages too.
    const fromBrowser = await request(server)
      .post('/auth/email-link')
      .set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8')
      .type('form')
      .send('token=%E0%A4%A&formToken=x');
    expect(fromBrowser.status).toBe(400);
    expect(fromBrowser.headers['content-type']).toMatch(/^text\/html/);
    expect(fromBrowser.text).toContain('There is a problem with what you sent');
  });

  it('reads a flat form outside the API, within its own small limit', async () => {
    // An unknown sign-in path answers 404, where the API would answer 415.
    const form = (body: string) => request(server).post('/auth/not-yet').type('form').send(body);
    expect((await form('email=head%40example.org')).status).toBe(404);
    await expectRefused(
      () => form(`note=${'x'.repeat(FORM_BODY_LIMIT + 1)}`),
      413,
      'BODY_TOO_LARGE',
    );
    await expectRefused(
      () => form(Array.from({ length: 60 }, (_, i) => `f${i}=x`).join('&')),
      413,
      'TOO_MANY_PARAMETERS',
    );
  });
});
