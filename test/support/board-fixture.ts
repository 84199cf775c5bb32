import {
  complaintCommandHandler,
  ComplaintRepository,
  ExecuteComplaintCommand,
} from '@sg/complaint-service';
import {
  type ComplaintCommand,
  DEADLINE_WORKER,
  DEFAULT_POLICY,
  type OpenComplaint,
  type RoleGrant,
} from '@sg/complaints';
import { Directory, DirectoryWriter, LLE_SERVICES } from '@sg/directory';
import { type EventStore } from '@sg/event-store';
import { WorkingDayCalendar } from '@sg/working-days';
import { randomUUID } from 'node:crypto';

export const BOARD_SCHOOL = '119300';
export const CONTRACT_FEES_PENCE = 100_000;
export const LODGED_AT = '2025-04-17T09:00:00.000Z';
export const AFTER_DEADLINE = '2025-05-07T07:00:00.000Z';
export const APPROVED_AT = '2025-05-08T10:00:00.000Z';
/** One approval completes the quorum, so two approvers can race each other to it. */
const POLICY = { ...DEFAULT_POLICY, approvalQuorum: 1 };

const PEOPLE: { personId: string; roles: RoleGrant[] }[] = [
  { personId: 'support', roles: [{ role: 'business-support' }] },
  { personId: 'board-1', roles: [{ role: 'board-member', chair: true }] },
  { personId: 'board-2', roles: [{ role: 'board-member', chair: false }] },
  { personId: 'board-3', roles: [{ role: 'board-member', chair: false }] },
];

export interface ProposedReimbursement {
  readonly complaintId: string;
  readonly proposalId: string;
  readonly contract: string;
}

/**
 * The command side on a store with a school, Business Support and three Board members: enough to
 * bring complaints to the point where a reimbursement awaits approval, straight through the
 * handler (no HTTP), so money tests can set up hundreds of them quickly.
 */
export async function boardFixture(store: EventStore, commandStore: EventStore = store) {
  const directory = new Directory(store);
  const handler = complaintCommandHandler(commandStore, new WorkingDayCalendar());
  const writer = new DirectoryWriter(directory, { actor: { id: 'test', role: 'system' } });
  await writer.services(LLE_SERVICES);
  await writer.schools([
    {
      urn: BOARD_SCHOOL,
      name: 'Brookside Primary School',
      phase: 'primary',
      type: 'Community school',
      localAuthority: 'Lancashire',
      inCounty: true,
      pupils: 210,
      emails: [],
      domains: [],
    },
  ]);
  for (const person of PEOPLE)
    await writer.person({ ...person, name: person.personId, email: `${person.personId}@x.org` });

  const run = async (complaintId: string, personId: string, body: object, at: string) => {
    const actor =
      personId === DEADLINE_WORKER.id ? DEADLINE_WORKER : await directory.actor(personId);
    return handler.execute(
      new ExecuteComplaintCommand(complaintId, { ...body, actor: actor!, at } as ComplaintCommand, {
        correlationId: randomUUID(),
      }),
    );
  };

  return {
    directory,
    run,
    complaint: async (complaintId: string) =>
      (await new ComplaintRepository(store).load(complaintId)).state as OpenComplaint,

    async contracts(prefix: string, count: number): Promise<string[]> {
      const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
      await writer.feeAgreements(
        ids.map((id) => ({
          kind: 'contract' as const,
          id,
          schoolUrn: BOARD_SCHOOL,
          serviceId: 'schools-hr',
          description: 'SLA 2025-26',
          feesPaidPence: CONTRACT_FEES_PENCE,
        })),
      );
      return ids;
    },

    /** Lodged, referred, escalated at its deadline, upheld, and `amountPence` proposed against `contract`. */
    async proposed(contract: string, amountPence: number): Promise<ProposedReimbursement> {
      const complaintId = randomUUID();
      await run(
        complaintId,
        'support',
        {
          type: 'LodgeComplaint',
          complaintId,
          reference: '',
          channel: 'phone',
          schoolUrn: BOARD_SCHOOL,
          serviceId: 'schools-hr',
          summary: 'Advice came late',
          details: 'Three weeks late.',
          standards: [],
          contact: { name: 'Jane Head' },
          relatedContractId: contract,
          relatedBookingId: null,
          policy: POLICY,
        },
        LODGED_AT,
      );
      const referred = await run(
        complaintId,
        'support',
        { type: 'ReferComplaint', serviceId: null, note: null },
        LODGED_AT,
      );
      const revision = (referred.state as OpenComplaint).clocks.resolution!.timing.revision;
      await run(
        complaintId,
        DEADLINE_WORKER.id,
        { type: 'ReachDeadline', clock: 'resolution', revision, timer: 'deadline' },
        AFTER_DEADLINE,
      );
      await run(
        complaintId,
        'board-1',
        {
          type: 'RecordBoardDecision',
          outcome: 'upheld',
          failureLevel: 'serious',
          rationale: 'Late',
        },
        AFTER_DEADLINE,
      );
      const proposalId = randomUUID();
      await run(
        complaintId,
        'board-1',
        {
          type: 'ProposeReimbursement',
          proposalId,
          amountPence,
          basis: {
            kind: 'contract',
            id: contract,
            feesPaidPence: CONTRACT_FEES_PENCE,
            schoolUrn: BOARD_SCHOOL,
            serviceId: 'schools-hr',
            reimbursedPence: 0,
          },
          overrideReason: 'Agreed at the Board',
        },
        AFTER_DEADLINE,
      );
      return { complaintId, proposalId, contract };
    },

    approve: (proposal: ProposedReimbursement, personId: string) =>
      run(
        proposal.complaintId,
        personId,
        { type: 'ApproveReimbursement', proposalId: proposal.proposalId },
        APPROVED_AT,
      ),
  };
}

export type BoardFixture = Awaited<ReturnType<typeof boardFixture>>;
