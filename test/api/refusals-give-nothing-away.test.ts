import {
  CONTRACT,
  type ComplaintsApp,
  lodgeBody,
  lodgedAndReferred,
  OTHER_SCHOOL,
  SCHOOL,
  startComplaintsApp,
} from '../support/complaints-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/**
 * A caller who may not act on a complaint is answered exactly as if it did not exist: whatever
 * state, version or retry key they send, the answer carries no reference, status or revision.
 */
describe('refusals give nothing away', () => {
  let api: ComplaintsApp;
  let id: string;

  beforeAll(async () => {
    api = await startComplaintsApp();
    id = await lodgedAndReferred(api);
  });
  afterAll(() => api.close());

  const answers = async (
    personId: string,
    complaintId: string,
    path: string,
    body: object,
    headers: Record<string, string> = {},
  ) => {
    let request = api.as(personId).post(`/api/complaints/${complaintId}/${path}`, body);
    for (const [name, value] of Object.entries(headers)) request = request.set(name, value);
    const { status, body: answer } = await request;
    return { status, answer };
  };

  it.each([
    // A school's action in a state that refuses it: its own staff would get a 409 naming the status.
    ['confirm a resolution', 'resolution/confirmation', {}],
    ['dispute a resolution', 'resolution/dispute', { reason: 'No' }],
    ['withdraw', 'withdrawal', { reason: 'Sorted' }],
    ['reply', 'information', { summary: 'Here it is' }],
  ])(
    'another school’s staff trying to %s learn what an unknown id tells them',
    async (_, path, body) => {
      const probed = await answers('other-head', id, path, body);
      const unknown = await answers('other-head', UNKNOWN, path, body);
      expect(probed).toEqual(unknown);
      expect(probed.status).toBe(404);
      expect(JSON.stringify(probed.answer)).not.toMatch(/SG-\\d{4}|referred|resolution-proposed/);
    },
  );

  it('a stale If-Match tells a stranger nothing of the revision', async () => {
    const probed = await answers(
      'music-manager',
      id,
      'contacts',
      { contactedAt: '2025-04-17T09:00:00Z', method: 'phone', note: 'Rang them' },
      { 'If-Match': '"999"' },
    );
    const unknown = await answers(
      'music-manager',
      UNKNOWN,
      'contacts',
      { contactedAt: '2025-04-17T09:00:00Z', method: 'phone', note: 'Rang them' },
      { 'If-Match': '"999"' },
    );
    expect(probed).toEqual(unknown);
    expect(probed.status).toBe(404);
    expect(probed.answer).toEqual({
      statusCode: 404,
      code: 'COMPLAINT_NOT_FOUND',
      message: 'There is no such complaint',
    });
  });

  it('a retry key another caller used returns them nothing of the first answer', async () => {
    const key = { 'Idempotency-Key': 'probe-key-1' };
    const first = await answers(
      'hr-manager',
      id,
      'contacts',
      { contactedAt: '2025-04-17T09:00:00Z', method: 'phone', note: 'Rang them' },
      key,
    );
    expect(first.status).toBe(200);
    const probed = await answers(
      'music-manager',
      id,
      'contacts',
      { contactedAt: '2025-04-17T09:00:00Z', method: 'phone', note: 'Rang them' },
      key,
    );
    expect(probed.status).toBe(404);
  });

  it('lodging for another school answers 403 whether or not the contract named exists', async () => {
    const existing = await api
      .as('other-head')
      .post('/api/complaints', lodgeBody({ relatedContractId: CONTRACT }));
    const invented = await api
      .as('other-head')
      .post('/api/complaints', lodgeBody({ relatedContractId: 'C-NO-SUCH-CONTRACT' }));
    expect(existing.status).toBe(403);
    expect(existing.body).toEqual(invented.body);
    const unknownSchool = await api
      .as('other-head')
      .post('/api/complaints', lodgeBody({ schoolUrn: '999999' }));
    expect(unknownSchool.status).toBe(403);
    expect(SCHOOL).not.toBe(OTHER_SCHOOL);
  });
});
