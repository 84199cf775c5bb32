import request from 'supertest';
import { type Server } from 'node:http';
import { lodgeBody, startComplaintsApp, type ComplaintsApp } from '../../support/complaints-app';
import { ERROR_KEYS, rawRequest } from './edge-support';

describe('the one error shape', () => {
  let api: ComplaintsApp;
  let server: Server;
  beforeAll(async () => {
    api = await startComplaintsApp();
    server = api.app.getHttpServer() as Server;
  });
  afterAll(() => api.close());

  it('answers an unknown page outside the API with a GOV.UK page, 404', async () => {
    const response = await request(server).get('/no-such-page');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('Page not found');
  });

  it.each([
    ['GET', '/api/no-such-page'],
    ['GET', '/api/no-such-list'],
    ['POST', '/api/complaints/not-a-command'],
    ['DELETE', '/api/complaints'],
  ])('%s %s: 404 as { statusCode, code, message } and nothing else', async (method, path) => {
    const response = await request(server)
      [method.toLowerCase() as 'get' | 'post' | 'delete'](path)
      .set('X-Acting-Person', 'support');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: `Cannot ${method} ${path}`,
    });
  });

  it.each(['/api/complaints/%E0%A4%A', '/api/admin/people/%C3', '/api/complaints/%FF/timeline'])(
    'GET %s: a path that does not decode is refused naming the path, as anyone asks it',
    async (path) => {
      for (const person of ['support', 'head']) {
        const response = await request(server).get(path).set('X-Acting-Person', person);
        expect(response.status).toBe(400);
        expect(response.body).toEqual({
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: 'The address has a % that does not begin a UTF-8 character',
          errors: [
            {
              field: 'path',
              messages: ['The address has a % that does not begin a UTF-8 character'],
            },
          ],
        });
      }
    },
  );

  it('keeps the fields a validation refusal names', async () => {
    const response = await api.as('head').post('/api/complaints', {}).expect(400);
    expect(Object.keys(response.body as object).sort()).toEqual([...ERROR_KEYS, 'errors'].sort());
  });

  it('says what a field should be when it is not even that, and each problem once', async () => {
    const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    const id = (lodged.body as { id: string }).id;
    await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    const asText = await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/extensions`, { extraWorkingDays: '5', reason: 'Busy' })
      .expect(400);
    expect(asText.body).toMatchObject({
      errors: [{ field: 'extraWorkingDays', messages: [expect.stringMatching(/whole number/)] }],
    });
    expect((asText.body as { errors: { messages: string[] }[] }).errors[0].messages).toHaveLength(
      1,
    );
    const twice = await api.as('support').get('/api/complaints?limit=1&limit=2').expect(400);
    expect(twice.body).toMatchObject({
      message: 'limit must be given once',
      errors: [{ field: 'limit', messages: ['limit must be given once'] }],
    });
    const inherited = await api.as('support').get('/api/complaints?valueOf=x').expect(400);
    expect(inherited.body).toMatchObject({ errors: [{ field: 'valueOf' }] });
    const tooBig = await api.as('support').get('/api/complaints?limit=500').expect(400);
    expect(tooBig.body).toMatchObject({
      message: 'limit must be a whole number from 1 to 100',
      errors: [{ field: 'limit', messages: ['limit must be a whole number from 1 to 100'] }],
    });
  });

  it('answers a bare JSON value for a body as not an object', async () => {
    const refused = await request(server)
      .post('/api/complaints')
      .set('X-Acting-Person', 'head')
      .set('Content-Type', 'application/json')
      .send('null')
      .expect(400);
    expect(refused.body).toMatchObject({
      code: 'MALFORMED_BODY',
      message: 'The body must be a JSON object',
    });
  });

  it('answers header fields over Node’s limit 431 in the same JSON shape', async () => {
    const answer = await rawRequest(api, {
      method: 'GET',
      path: '/api/complaints',
      headers: { 'X-Acting-Person': 'support', 'X-Padding': 'x'.repeat(20_000) },
    });
    expect(answer.status).toBe(431);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(answer.text)).toEqual({
      statusCode: 431,
      code: 'HEADERS_TOO_LARGE',
      message: 'The request’s header fields are too large',
    });
  });

  it('answers a request that is not HTTP 400 in the same JSON shape', async () => {
    const answer = await rawRequest(api, {
      method: 'GET',
      path: '/api/complaints',
      // Two lengths at once: where the body ends cannot be known.
      headers: { 'X-Acting-Person': 'support', 'Content-Length': '1, 2' },
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({
      statusCode: 400,
      code: 'MALFORMED_REQUEST',
      message: 'The request is not well-formed HTTP',
    });
  });
});
