import request from 'supertest';
import { type Server } from 'node:http';
import { startComplaintsApp, type ComplaintsApp } from '../../support/complaints-app';
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

  it('keeps the fields a validation refusal names', async () => {
    const response = await api.as('head').post('/api/complaints', {}).expect(400);
    expect(Object.keys(response.body as object).sort()).toEqual([...ERROR_KEYS, 'errors'].sort());
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
