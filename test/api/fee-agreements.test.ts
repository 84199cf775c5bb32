import Database from 'better-sqlite3';
import { DEFAULT_POLICY, type OpenComplaint } from '@sg/complaints';
import { DirectoryWriter, foldFeeLedger } from '@sg/directory';
import { EVENT_STORE, type EventStore, type Position } from '@sg/event-store';
import { currentReadModelFile, ReadModelProjector, rebuildReadModels } from '@sg/read-models';
import { WorkingDayCalendar } from '@sg/working-days';
import { basisAgreementView } from '../../apps/api/src/complaints/complaint-view';
import {
  type ComplaintsApp,
  CONTRACT,
  CONTRACT_FEES,
  lodgeBody,
  OTHER_SCHOOL,
  SCHOOL,
  startComplaintsApp,
  upholdAndPropose,
} from '../support/complaints-app';

const BOOKING = 'B-119300-safer-recruitment';
const MUSIC_CONTRACT = 'C202526-119300-music-service';
const OTHER_CONTRACT = 'C202526-119301-schools-hr';

interface Agreement {
  kind: string;
  id: string;
  schoolUrn: string;
  serviceId: string;
  description: string;
  feesPaidPence: number;
  committedPence: number;
  remainingPence: number;
}
interface Page {
  items: Agreement[];
  nextCursor: string | null;
}
interface BasisAgreement {
  kind: string;
  id: string;
  serviceId: string;
  feesPaidPence: number;
  committedOnOtherComplaintsPence: number;
  committedOnThisComplaintPence: number;
  remainingPence: number;
  awaitingApprovalOnOtherComplaintsPence: number;
  matchesService: boolean | null;
  suggestedPenceByFailureLevel: Record<string, number>;
}
interface View {
  id: string;
  status: string;
  clocks: Record<string, { revision: number }>;
  reimbursement: { proposalId: string; status: string } | null;
  basis?: {
    concerns: { kind: string; id: string } | null;
    agreements: BasisAgreement[];
    moreCandidates: boolean;
    failureLevel: string | null;
    schedulePercentByFailureLevel: Record<string, number>;
  };
}

/**
 * A school's contracts and bookings over HTTP, from the read model's index of them, and the basis
 * a complaint's view gives the Board for a reimbursement. The app's directory has one contract
 * (schools-hr, £2,000) at the first school; each test adds a booking and a music contract there,
 * and a contract at the other school.
 */
describe('contracts and bookings, and a complaint’s basis for reimbursement', () => {
  let api: ComplaintsApp;
  beforeEach(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    await new DirectoryWriter(api.directory, {
      actor: { id: 'test', role: 'system' },
    }).feeAgreements([
      {
        kind: 'booking',
        id: BOOKING,
        schoolUrn: SCHOOL,
        serviceId: 'schools-hr',
        description: 'Safer recruitment training, 12 March 2026',
        feesPaidPence: 45_000,
      },
      {
        kind: 'contract',
        id: MUSIC_CONTRACT,
        schoolUrn: SCHOOL,
        serviceId: 'music-service',
        description: 'Service level agreement 2025-26',
        feesPaidPence: 120_000,
      },
      {
        kind: 'contract',
        id: OTHER_CONTRACT,
        schoolUrn: OTHER_SCHOOL,
        serviceId: 'schools-hr',
        description: 'Service level agreement 2025-26',
        feesPaidPence: 90_000,
      },
    ]);
  });
  afterEach(() => api.close());

  /** Waits until the read model holds every complaint and every contract and booking event so far. */
  async function settled() {
    await api.clocksSettled();
    let last: Position | null = null;
    for await (const event of api.app.get<EventStore>(EVENT_STORE).readAll())
      if (/^(contract|booking)-/.test(event.stream)) last = event.position;
    if (last)
      expect(await api.app.get(ReadModelProjector).feeAgreementsCaughtUp(last, 10_000)).toBe(true);
  }
  async function list(as: string, path: string, status = 200) {
    await settled();
    return (await api.as(as).get(path).expect(status)).body as Page;
  }
  const ids = (page: Page) => page.items.map((item) => item.id);
  async function lodge(overrides: object = {}, as = 'head'): Promise<string> {
    const lodged = await api.as(as).post('/api/complaints', lodgeBody(overrides)).expect(201);
    return (lodged.body as View).id;
  }
  async function view(id: string, as: string): Promise<View> {
    await settled();
    return (await api.as(as).get(`/api/complaints/${id}`).expect(200)).body as View;
  }
  async function escalate(id: string) {
    const referred = await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    api.clock.set('2025-05-07T07:00:00.000Z');
    await api.reportResolutionDeadline(id, (referred.body as View).clocks.resolution.revision);
  }

  it('lists a school’s contracts and bookings with their money, to the people who may see them', async () => {
    const school = `/api/schools/${SCHOOL}/fee-agreements`;
    const all = await list('head', school);
    // By service, then kind, then id.
    expect(ids(all)).toEqual([MUSIC_CONTRACT, BOOKING, CONTRACT]);
    expect(all.items[2]).toEqual({
      kind: 'contract',
      id: CONTRACT,
      schoolUrn: SCHOOL,
      serviceId: 'schools-hr',
      description: 'Service level agreement 2025-26',
      feesPaidPence: CONTRACT_FEES,
      committedPence: 0,
      remainingPence: CONTRACT_FEES,
    });
    expect(all.nextCursor).toBeNull();
    for (const person of ['support', 'board-1', 'finance'])
      expect(ids(await list(person, school))).toEqual(ids(all));

    // A service manager sees their services' only.
    expect(ids(await list('hr-manager', school))).toEqual([BOOKING, CONTRACT]);
    expect(ids(await list('music-manager', school))).toEqual([MUSIC_CONTRACT]);
    expect(ids(await list('hr-manager', `${school}?serviceId=music-service`))).toEqual([]);

    // Another school's staff are told what they would be told of a school that does not exist.
    const hidden = await api.as('other-head').get(school).expect(404);
    const unknown = await api
      .as('other-head')
      .get('/api/schools/999999/fee-agreements')
      .expect(404);
    expect(hidden.body).toEqual(unknown.body);
    expect(hidden.body).toMatchObject({ code: 'SCHOOL_NOT_FOUND' });
    expect(ids(await list('other-head', `/api/schools/${OTHER_SCHOOL}/fee-agreements`))).toEqual([
      OTHER_CONTRACT,
    ]);
    await api.as('support').get('/api/schools/999999/fee-agreements').expect(404);

    // Filters, and pages that carry on where the last stopped.
    expect(ids(await list('support', `${school}?serviceId=schools-hr`))).toEqual([
      BOOKING,
      CONTRACT,
    ]);
    expect(ids(await list('support', `${school}?kind=booking`))).toEqual([BOOKING]);
    const first = await list('support', `${school}?limit=2`);
    expect(ids(first)).toEqual([MUSIC_CONTRACT, BOOKING]);
    const second = await list(
      'support',
      `${school}?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`,
    );
    expect(second).toMatchObject({ items: [{ id: CONTRACT }], nextCursor: null });
  });

  it.each([
    ['/api/schools/not-a-urn/fee-agreements', 'urn'],
    [`/api/schools/${SCHOOL}/fee-agreements?serviceId=Schools%20HR`, 'serviceId'],
    [`/api/schools/${SCHOOL}/fee-agreements?kind=invoice`, 'kind'],
    [`/api/schools/${SCHOOL}/fee-agreements?limit=0`, 'limit'],
    [`/api/schools/${SCHOOL}/fee-agreements?cursor=not-a-cursor`, 'cursor'],
    [`/api/schools/${SCHOOL}/fee-agreements?colour=red`, 'colour'],
  ])('refuses %s with a 400 naming %s', async (path, field) => {
    const refused = await api.as('support').get(path).expect(400);
    expect(refused.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field })],
    });
  });

  it('keeps the Board’s working from an officer who only logged the complaint, about a service not theirs', async () => {
    const id = await lodge(
      { channel: 'visiting-officer', relatedContractId: CONTRACT },
      'music-manager',
    );
    const logged = await view(id, 'music-manager');
    expect(logged.basis).toBeUndefined();
    expect((await view(id, 'hr-manager')).basis).toMatchObject({
      concerns: { kind: 'contract', id: CONTRACT },
    });
    // Nor on its page, once with the Board, where the Board reads the fees.
    await escalate(id);
    await settled();
    const page = async (as: string) => (await api.as(as).get(`/complaints/${id}`).expect(200)).text;
    const FEES = 'Fees a reimbursement could be set against';
    expect(await page('music-manager')).not.toContain(FEES);
    expect(await page('music-manager')).toContain('Board decision');
    expect(await page('board-1')).toContain(FEES);
  });

  it('shows the Board the contract a complaint names, the sums its schedule suggests (which a proposal accepts), and what approving commits', async () => {
    const id = await lodge({ relatedContractId: CONTRACT });
    // The school reads its complaint without the Board's working.
    expect((await view(id, 'head')).basis).toBeUndefined();
    const named = {
      kind: 'contract',
      id: CONTRACT,
      serviceId: 'schools-hr',
      description: 'Service level agreement 2025-26',
      feesPaidPence: 200_000,
      committedOnOtherComplaintsPence: 0,
      committedOnThisComplaintPence: 0,
      remainingPence: 200_000,
      awaitingApprovalOnOtherComplaintsPence: 0,
      matchesService: true,
      suggestedPenceByFailureLevel: {
        minor: 20_000,
        significant: 50_000,
        serious: 100_000,
        complete: 200_000,
      },
    };
    expect((await view(id, 'support')).basis).toEqual({
      concerns: { kind: 'contract', id: CONTRACT },
      agreements: [named],
      moreCandidates: false,
      failureLevel: null,
      schedulePercentByFailureLevel: { minor: 10, significant: 25, serious: 50, complete: 100 },
    });

    await escalate(id);
    await api
      .as('board-1')
      .post(`/api/complaints/${id}/board-decision`, {
        outcome: 'upheld',
        failureLevel: 'significant',
        rationale: 'The advice came three weeks late.',
      })
      .expect(200);
    const decided = (await view(id, 'board-1')).basis!;
    expect(decided.failureLevel).toBe('significant');
    const suggested = decided.agreements[0].suggestedPenceByFailureLevel.significant;
    // Any other sum needs a reason, and the refusal names the same suggestion.
    const refused = await api
      .as('board-1')
      .post(`/api/complaints/${id}/reimbursement`, {
        basisKind: 'contract',
        basisId: CONTRACT,
        amountPence: suggested + 1,
      })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'OVERRIDE_REASON_REQUIRED' });
    expect((refused.body as { message: string }).message).toContain(`suggests ${suggested} pence`);
    const proposed = await api
      .as('board-1')
      .post(`/api/complaints/${id}/reimbursement`, {
        basisKind: 'contract',
        basisId: CONTRACT,
        amountPence: suggested,
      })
      .expect(200);
    const proposalId = (proposed.body as View).reimbursement!.proposalId;
    // The school hears of a reimbursement once it is approved; until then it is the Board's working.
    const schoolTimeline = async () =>
      (
        (await api.as('head').get(`/api/complaints/${id}/timeline`).expect(200)).body as {
          type: string;
        }[]
      ).map((line) => line.type);
    const schoolView = await view(id, 'head');
    expect(schoolView.reimbursement).toBeNull();
    expect(schoolView).toMatchObject({ status: 'board-decided' });
    expect(Object.keys((schoolView as unknown as { clocks: object }).clocks)).not.toContain(
      'reimbursement-approval',
    );
    const schoolPage = (await api.as('head').get(`/complaints/${id}`).expect(200)).text;
    expect(schoolPage).not.toMatch(/Reimbursement proposed|approve the reimbursement/i);
    // Nor do the school's lists, its search or its filters give the Board's working away.
    type Listed = { items: { id: string; status: string; clock: { kind: string } | null }[] };
    const listed = async (path: string) =>
      ((await api.as('head').get(path).expect(200)).body as Listed).items.filter(
        (item) => item.id === id,
      );
    const [row] = await listed('/api/complaints');
    expect(row).toMatchObject({ status: 'board-decided' });
    expect(row.clock?.kind).not.toBe('reimbursement-approval');
    expect(await listed('/api/complaints?status=reimbursement-proposed')).toEqual([]);
    expect(await listed('/api/complaints?status=board-decided')).toHaveLength(1);
    const { reference } = (await view(id, 'support')) as unknown as { reference: string };
    expect(await listed(`/api/search?q=${reference}`)).toEqual([
      expect.objectContaining({ status: 'board-decided' }),
    ]);
    const yours = (await api.as('head').get('/complaints').expect(200)).text;
    expect(yours).not.toMatch(/Reimbursement proposed|Board to approve/i);
    // The Board's own lists still say what waits for it.
    const [boardRow] = (
      (await api.as('board-2').get('/api/complaints').expect(200)).body as Listed
    ).items.filter((item) => item.id === id);
    expect(boardRow).toMatchObject({ status: 'reimbursement-proposed' });
    // The pages offer approving and declining to the other members, not to the proposer, whose
    // old link leads back to the complaint rather than to a form that can only be refused.
    const approveLink = `href="/complaints/${id}/actions/approve"`;
    const declineLink = `href="/complaints/${id}/actions/decline"`;
    const proposerPage = (await api.as('board-1').get(`/complaints/${id}`).expect(200)).text;
    expect(proposerPage).not.toContain(approveLink);
    expect(proposerPage).not.toContain(declineLink);
    const otherPage = (await api.as('board-2').get(`/complaints/${id}`).expect(200)).text;
    expect(otherPage).toContain(approveLink);
    expect(otherPage).toContain(declineLink);
    const proposerForm = await api
      .as('board-1')
      .get(`/complaints/${id}/actions/approve`)
      .expect(409);
    expect(proposerForm.text).toContain(
      'You proposed this reimbursement, so another Board member must approve it.',
    );
    expect(proposerForm.text).toContain(`href="/complaints/${id}"`);
    await api.as('head').get(`/complaints/${id}/actions/approve`).expect(404);
    for (const member of ['board-2', 'board-3'])
      await api
        .as(member)
        .post(`/api/complaints/${id}/reimbursement/approvals`, { proposalId })
        .expect(200);
    expect((await view(id, 'head')).reimbursement).toEqual({
      status: 'approved',
      amountPence: suggested,
      approvedAt: expect.any(String),
    });
    expect(await schoolTimeline()).toContain('ReimbursementApproved');
    const lines = (await api.as('head').get(`/api/complaints/${id}/timeline`).expect(200)).body as {
      type: string;
      details: { clock?: string };
    }[];
    const approvedLine = lines.find((line) => line.type === 'ReimbursementApproved')!;
    expect(approvedLine.details).not.toHaveProperty('approvers');
    // The Board acted as one: no member is named to the school on any line.
    expect(JSON.stringify(lines)).not.toMatch(/board-[123]/);
    // The payment's clock is the school's business; the Board's proposal and approval ones are not.
    const clocks = new Set(lines.map((line) => line.details.clock).filter(Boolean));
    expect(clocks).toContain('reimbursement-payment');
    expect(clocks).not.toContain('reimbursement-approval');
    expect(clocks).not.toContain('reimbursement-proposal');
    expect(await schoolTimeline()).not.toContain('ReimbursementProposed');
    expect(await schoolTimeline()).not.toContain('ReimbursementApprovalGiven');

    const contract = (page: Page) => page.items.find((item) => item.id === CONTRACT);
    expect(contract(await list('head', `/api/schools/${SCHOOL}/fee-agreements`))).toMatchObject({
      feesPaidPence: 200_000,
      committedPence: suggested,
      remainingPence: 200_000 - suggested,
    });
    const approved = await view(id, 'board-1');
    expect(approved.reimbursement?.status).toBe('approved');
    expect(approved.basis!.agreements).toEqual([
      {
        ...named,
        committedOnThisComplaintPence: suggested,
        remainingPence: 200_000 - suggested,
      },
    ]);
    // Another complaint about the same contract sees the money committed elsewhere.
    const another = await lodge({ relatedContractId: CONTRACT, summary: 'Late again' });
    expect((await view(another, 'hr-manager')).basis!.agreements).toEqual([
      {
        ...named,
        committedOnOtherComplaintsPence: suggested,
        remainingPence: 200_000 - suggested,
      },
    ]);
    // Where the schedule suggests more than remains, the Board's page says how much can go.
    const referred = await api
      .as('support')
      .post(`/api/complaints/${another}/referral`)
      .expect(200);
    api.clock.set('2025-05-22T07:00:00.000Z');
    await api.reportResolutionDeadline(another, (referred.body as View).clocks.resolution.revision);
    await api
      .as('board-1')
      .post(`/api/complaints/${another}/board-decision`, {
        outcome: 'upheld',
        failureLevel: 'complete',
        rationale: 'No advice came at all.',
      })
      .expect(200);
    const page = await api
      .as('board-1')
      .get(`/complaints/${another}/actions/proposeReimbursement`)
      .expect(200);
    expect(page.text.replace(/\s+/g, ' ')).toContain(
      'Suggested sum: £2,000.00, more than remains: at most £1,500.00 can be reimbursed, with a reason',
    );
    // So does the complaint's own page, in its table of sums by failure level.
    const complaintPage = await api.as('board-1').get(`/complaints/${another}`).expect(200);
    expect(complaintPage.text).toContain('£2,000.00 (more than the £1,500.00 left)');
    expect(complaintPage.text).not.toContain('£200.00 (more than');
    api.clock.set('2025-05-07T07:00:00.000Z');
  });

  it('tells the Board what another complaint’s proposal awaiting approval would take from the same contract', async () => {
    const [first, second] = [
      await lodge({ relatedContractId: CONTRACT }),
      await lodge({ relatedContractId: CONTRACT, summary: 'Late again' }),
    ];
    const revisions = [];
    for (const id of [first, second])
      revisions.push(
        ((await api.as('support').post(`/api/complaints/${id}/referral`).expect(200)).body as View)
          .clocks.resolution.revision,
      );
    api.clock.set('2025-05-07T07:00:00.000Z');
    await api.reportResolutionDeadline(first, revisions[0]);
    await api.reportResolutionDeadline(second, revisions[1]);
    const proposalId = await upholdAndPropose(api, first, {
      failureLevel: 'significant',
      amountPence: 50_000,
    });
    const awaiting = async (id: string) =>
      (await view(id, 'board-2')).basis!.agreements[0].awaitingApprovalOnOtherComplaintsPence;
    expect(await awaiting(second)).toBe(50_000);
    // Its own proposal is the complaint's own working, not another's.
    expect(await awaiting(first)).toBe(0);
    const page = (await api.as('board-2').get(`/complaints/${second}`).expect(200)).text;
    expect(page.replace(/\s+/g, ' ')).toContain(
      `£500.00 of what remains of contract ${CONTRACT} is proposed on other complaints and awaits approval`,
    );

    for (const member of ['board-2', 'board-3'])
      await api
        .as(member)
        .post(`/api/complaints/${first}/reimbursement/approvals`, { proposalId })
        .expect(200);
    // Approved, it is committed: no longer awaiting.
    expect((await view(second, 'board-2')).basis!.agreements[0]).toMatchObject({
      awaitingApprovalOnOtherComplaintsPence: 0,
      committedOnOtherComplaintsPence: 50_000,
      remainingPence: 150_000,
    });
  });

  it('offers the school’s agreements for the complaint’s service when it names none, and says when a named contract is another service’s', async () => {
    const hr = await lodge();
    const hrBasis = (await view(hr, 'support')).basis!;
    expect(hrBasis.concerns).toBeNull();
    expect(hrBasis.agreements.map((agreement) => [agreement.id, agreement.matchesService])).toEqual(
      [
        [BOOKING, true],
        [CONTRACT, true],
      ],
    );
    expect(hrBasis.agreements[0].suggestedPenceByFailureLevel).toEqual({
      minor: 4_500,
      significant: 11_250,
      serious: 22_500,
      complete: 45_000,
    });
    const music = await lodge({ serviceId: 'music-service' });
    expect((await view(music, 'music-manager')).basis!.agreements.map((a) => a.id)).toEqual([
      MUSIC_CONTRACT,
    ]);
    const unassigned = await lodge({ serviceId: undefined });
    expect((await view(unassigned, 'support')).basis).toMatchObject({
      concerns: null,
      agreements: [],
    });

    // Rerouted to music, a complaint about the HR contract: a reimbursement by the music service
    // cannot be set against it. Either the reroute let the contract go, and the music contract is
    // the candidate, or the complaint still names it, and the view says it is another service's.
    const rerouted = await lodge({ relatedContractId: CONTRACT });
    await api.as('support').post(`/api/complaints/${rerouted}/referral`).expect(200);
    await api
      .as('support')
      .post(`/api/complaints/${rerouted}/rerouting`, {
        toServiceId: 'music-service',
        reason: 'It was about the music tuition',
      })
      .expect(200);
    const reroutedBasis = (await view(rerouted, 'board-1')).basis!;
    if (reroutedBasis.concerns === null)
      expect(reroutedBasis.agreements.map((a) => [a.id, a.matchesService])).toEqual([
        [MUSIC_CONTRACT, true],
      ]);
    else
      expect(reroutedBasis.agreements).toMatchObject([
        { id: CONTRACT, serviceId: 'schools-hr', matchesService: false },
      ]);
  });

  it('says when the contract a complaint names is not for the service it is with now', () => {
    const complaint = {
      complaintId: 'c-1',
      serviceId: 'music-service',
      policy: DEFAULT_POLICY,
    } as OpenComplaint;
    const ledger = foldFeeLedger([
      {
        type: 'FeeAgreementRecorded',
        data: {
          kind: 'contract',
          id: CONTRACT,
          schoolUrn: SCHOOL,
          serviceId: 'schools-hr',
          description: 'Service level agreement 2025-26',
          feesPaidPence: 10_001,
        },
      },
      {
        type: 'ReimbursementCommitted',
        data: { complaintId: 'c-0', proposalId: 'p-0', amountPence: 1_000 },
      },
      {
        type: 'ReimbursementCommitted',
        data: { complaintId: 'c-1', proposalId: 'p-1', amountPence: 2_500 },
      },
    ])!;
    expect(basisAgreementView(complaint, ledger)).toEqual({
      kind: 'contract',
      id: CONTRACT,
      serviceId: 'schools-hr',
      description: 'Service level agreement 2025-26',
      feesPaidPence: 10_001,
      committedOnOtherComplaintsPence: 1_000,
      committedOnThisComplaintPence: 2_500,
      remainingPence: 6_501,
      awaitingApprovalOnOtherComplaintsPence: 0,
      matchesService: false,
      // Rounded down to the penny, as a proposal works it out.
      suggestedPenceByFailureLevel: {
        minor: 1_000,
        significant: 2_500,
        serious: 5_000,
        complete: 10_001,
      },
    });
    expect(basisAgreementView({ ...complaint, serviceId: null }, ledger).matchesService).toBeNull();
  });

  it('refuses a lodge naming a contract of one service and a booking of another, when not sure of the service, and lodges nothing', async () => {
    const refused = await api
      .as('head')
      .post(
        '/api/complaints',
        lodgeBody({
          serviceId: undefined,
          relatedContractId: MUSIC_CONTRACT,
          relatedBookingId: BOOKING,
        }),
      )
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'AGREEMENTS_OF_DIFFERENT_SERVICES' });
    const listed = await api.as('support').get('/api/complaints').expect(200);
    expect((listed.body as { items: unknown[] }).items).toHaveLength(0);
    await api
      .as('head')
      .post(
        '/api/complaints',
        lodgeBody({ serviceId: undefined, relatedContractId: CONTRACT, relatedBookingId: BOOKING }),
      )
      .expect(201);
  });

  it('is rebuilt from the store exactly as the live projection built it', async () => {
    const id = await lodge({ relatedContractId: CONTRACT });
    await escalate(id);
    await api
      .as('board-1')
      .post(`/api/complaints/${id}/board-decision`, {
        outcome: 'upheld',
        failureLevel: 'serious',
        rationale: 'Late.',
      })
      .expect(200);
    const proposed = await api
      .as('board-1')
      .post(`/api/complaints/${id}/reimbursement`, {
        basisKind: 'contract',
        basisId: CONTRACT,
        amountPence: 100_000,
      })
      .expect(200);
    const proposalId = (proposed.body as View).reimbursement!.proposalId;
    for (const member of ['board-2', 'board-3'])
      await api
        .as(member)
        .post(`/api/complaints/${id}/reimbursement/approvals`, { proposalId })
        .expect(200);
    await settled();

    const contents = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return {
          agreements: db.prepare('SELECT * FROM fee_agreements ORDER BY kind, agreement_id').all(),
          checkpoint: db
            .prepare('SELECT commit_position, prepare_position FROM fee_agreements_checkpoint')
            .all(),
        };
      } finally {
        db.close();
      }
    };
    const live = contents(currentReadModelFile(api.dataDir));
    expect(live.agreements).toHaveLength(4);
    expect(live.checkpoint).toHaveLength(1);
    expect(live.agreements).toContainEqual(
      expect.objectContaining({ agreement_id: CONTRACT, committed_pence: 100_000 }),
    );
    const rebuilt = await rebuildReadModels(api.app.get<EventStore>(EVENT_STORE), api.dataDir, {
      calendar: api.app.get(WorkingDayCalendar),
      batchSize: 5,
    });
    expect(contents(rebuilt.file)).toEqual(live);
  });
});
