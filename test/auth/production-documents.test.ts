import { type Server } from 'node:http';
import { type ComplaintsApp, SCHOOL, startComplaintsApp } from '../support/complaints-app';
import { addWithPassword, Browser, TEST_PASSWORD } from '../support/signing-in';

const PASSWORD = TEST_PASSWORD;

/** In production the API's description and the health details are for signed-in council staff. */
describe('in production', () => {
  let api: ComplaintsApp;
  let server: Server;

  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z', {
      env: { NODE_ENV: 'production', DEV_IDENTITY_HEADER: 'disabled' },
    });
    server = api.app.getHttpServer() as Server;
    await addWithPassword(api, {
      personId: 'officer',
      name: 'Olu Officer',
      email: 'olu@county.gov.uk',
      roles: [{ role: 'business-support' }],
    });
    await addWithPassword(api, {
      personId: 'bursar',
      name: 'Bea Bursar',
      email: 'bea@brookside.lancs.sch.uk',
      roles: [{ role: 'school-staff', schoolUrn: SCHOOL }],
    });
  });
  afterAll(() => api.close());

  it('shows the OpenAPI document only to signed-in council staff', async () => {
    // Swagger serves it as a page, as JSON and as YAML; a path's case does not matter to Express.
    const forms = ['/api/docs', '/api/docs-json', '/api/docs-yaml', '/API/DOCS-YAML'];
    const anonymous = new Browser(server);
    for (const path of forms)
      expect([path, (await anonymous.get(path)).status]).toEqual([path, 404]);
    const school = new Browser(server);
    await school.post('/api/auth/sign-in', {
      email: 'bea@brookside.lancs.sch.uk',
      password: PASSWORD,
    });
    for (const path of forms) expect([path, (await school.get(path)).status]).toEqual([path, 404]);
    const staff = new Browser(server);
    await staff.post('/api/auth/sign-in', { email: 'olu@county.gov.uk', password: PASSWORD });
    const document = await staff.get('/api/docs-json');
    expect(document.status).toBe(200);
    expect(document.body).toMatchObject({ info: { title: 'Service Guarantee' } });
    const yaml = await staff.get('/api/docs-yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.text).toContain('title: Service Guarantee');
  });

  it('tells anyone whether the engine is up, and only staff how its parts are', async () => {
    const anonymous = await new Browser(server).get('/health');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ status: 'ok' });
    const staff = new Browser(server);
    await staff.post('/api/auth/sign-in', { email: 'olu@county.gov.uk', password: PASSWORD });
    const detailed = await staff.get('/health');
    expect(detailed.body).toMatchObject({ status: 'ok', eventStore: { reachable: true } });
    expect(detailed.body).toHaveProperty('reactions');
  });
});
