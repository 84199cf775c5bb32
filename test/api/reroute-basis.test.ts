import { DirectoryWriter } from '@sg/directory';
import { type Server } from 'node:http';
import request from 'supertest';
import {
  type ComplaintsApp,
  CONTRACT,
  CONTRACT_FEES,
  escalateAfterDeadline,
  lodgeBody,
  SCHOOL,
  startComplaintsApp,
} from '../support/complaints-app';

const MUSIC_CONTRACT = 'C202526-119300-music-service';

describe('a rerouted complaint’s basis for reimbursement follows its service', () => {
  let api: ComplaintsApp;
  let id: string;

  beforeEach(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    await new DirectoryWriter(api.directory, {
      actor: { id: 'test', role: 'system' },
    }).feeAgreements([
      {
        kind: 'contract',
        id: MUSIC_CONTRACT,
        schoolUrn: SCHOOL,
        serviceId: 'music-service',
        description: 'Music tuition 2025-26',
        feesPaidPence: 80_000,
      },
    ]);
    const lodged = await api
      .as('head')
      .post('/api/complaints', lodgeBody({ relatedContractId: CONTRACT }))
      .expect(201);
    id = (lodged.body as { id: string }).id;
    await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
  });
  afterEach(() => api.close());

  const escalateAndUphold = async () => {
    await escalateAfterDeadline(api, id);
    await api
      .as('board-1')
      .post(`/api/complaints/${id}/board-decision`, {
        outcome: 'upheld',
        failureLevel: 'minor',
        rationale: 'Late',
      })
      .expect(200);
  };
  const propose = (basisId: string, amountPence: number) =>
    api.as('board-1').post(`/api/complaints/${id}/reimbursement`, {
      basisKind: 'contract',
      basisId,
      amountPence,
      overrideReason: 'Agreed',
    });

  it('rerouted without a contract, it can be reimbursed from any of the school’s contracts with the new service', async () => {
    await api
      .as('support')
      .post(`/api/complaints/${id}/rerouting`, {
        toServiceId: 'music-service',
        reason: 'It was about music tuition',
      })
      .expect(200);
    await escalateAndUphold();
    const refused = await propose(CONTRACT, CONTRACT_FEES / 10).expect(422);
    expect(refused.body).toMatchObject({ code: 'BASIS_MISMATCH' });
    await propose(MUSIC_CONTRACT, 8_000).expect(200);
  });

  it('rerouted naming the new service’s contract, it is reimbursed from that one', async () => {
    await api
      .as('support')
      .post(`/api/complaints/${id}/rerouting`, {
        toServiceId: 'music-service',
        reason: 'It was about music tuition',
        relatedContractId: MUSIC_CONTRACT,
      })
      .expect(200);
    await escalateAndUphold();
    await propose(MUSIC_CONTRACT, 8_000).expect(200);
  });

  it('refuses a reroute naming a contract that is not the school’s with the new service, changing nothing', async () => {
    const refused = await api
      .as('support')
      .post(`/api/complaints/${id}/rerouting`, {
        toServiceId: 'music-service',
        reason: 'It was about music tuition',
        relatedContractId: CONTRACT,
      })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'UNKNOWN_FEE_AGREEMENT' });
    const view = await api.as('support').get(`/api/complaints/${id}`).expect(200);
    expect(view.body).toMatchObject({ serviceId: 'schools-hr' });
  });

  it('refuses to refer a complaint “not sure” of its service to another than its contract’s, then refers it once rerouted', async () => {
    const notSure = await api
      .as('head')
      .post(
        '/api/complaints',
        lodgeBody({ serviceId: undefined, relatedContractId: MUSIC_CONTRACT }),
      )
      .expect(201);
    const notSureId = (notSure.body as { id: string }).id;
    // The referral page chooses the contract's service, and says why.
    const page = await request(api.app.getHttpServer() as Server)
      .get(`/complaints/${notSureId}/actions/refer`)
      .set('X-Acting-Person', 'support')
      .expect(200);
    expect(page.text).toMatch(/<input[^>]*value="music-service"[^>]* checked/);
    expect(page.text).toContain(`named its contract ${MUSIC_CONTRACT} (Music tuition 2025-26)`);
    const refused = await api
      .as('support')
      .post(`/api/complaints/${notSureId}/referral`, { serviceId: 'schools-hr' })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'AGREEMENT_OF_ANOTHER_SERVICE' });
    const nowhere = await api
      .as('support')
      .post(`/api/complaints/${notSureId}/referral`, { serviceId: 'no-such-service' })
      .expect(422);
    expect(nowhere.body).toMatchObject({ code: 'UNKNOWN_SERVICE' });
    expect((refused.body as { message: string }).message).toContain('music-service');
    const unchanged = await api.as('support').get(`/api/complaints/${notSureId}`).expect(200);
    expect(unchanged.body).toMatchObject({ status: 'lodged', relatedContractId: MUSIC_CONTRACT });
    // Business Support knows better than the form: it moves the complaint, contract and all.
    await api
      .as('support')
      .post(`/api/complaints/${notSureId}/rerouting`, {
        toServiceId: 'schools-hr',
        reason: 'It was about payroll advice',
        relatedContractId: CONTRACT,
      })
      .expect(200);
    await api.as('support').post(`/api/complaints/${notSureId}/referral`).expect(200);
    const referred = await api.as('support').get(`/api/complaints/${notSureId}`).expect(200);
    expect(referred.body).toMatchObject({ serviceId: 'schools-hr', relatedContractId: CONTRACT });
  });
});
