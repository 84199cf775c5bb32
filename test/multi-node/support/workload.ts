import { randomUUID } from 'node:crypto';

/** A write the engine acknowledged (2xx): the complaint, the revision its ETag gave, what it did. */
export interface Acknowledged {
  readonly complaintId: string;
  readonly revision: number;
  /** The event types, any one of which the write must have recorded at or before `revision`. */
  readonly recorded: readonly string[];
}

/** A school's head, the service the school buys and the contract it pays under. */
export interface Complainant {
  readonly personId: string;
  readonly schoolUrn: string;
  readonly serviceId: string;
  readonly contractId: string;
  /** Their address at the school, which the school's complaints name for the council to write to. */
  readonly email: string;
}

interface Tracked {
  readonly complainant: Complainant;
  status: string;
  proposalId: string | null;
  approving: boolean;
}

interface Answer {
  readonly status: number;
  readonly etag: number | null;
  readonly body: Record<string, unknown>;
}

const BOARD_STATUSES = new Set(['escalated', 'board-decided', 'reimbursement-proposed']);
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Users of several kinds at once, each request to whichever API node is up: schools lodge,
 * Business Support refers, services record contact and propose resolutions, the Board decides
 * escalated complaints and races to approve their reimbursements on different nodes; everyone
 * reads. A request that fails for want of a node (connection refused or reset, 5xx) is sent
 * again, with the same Idempotency-Key, to another.
 */
export class Workload {
  readonly acknowledged: Acknowledged[] = [];
  readonly tally = { acknowledged: 0, refused: 0, resent: 0, gaveUp: 0, reads: 0, approved: 0 };
  private readonly complaints = new Map<string, Tracked>();

  constructor(
    private readonly apis: () => readonly string[],
    private readonly complainants: readonly Complainant[],
    private readonly engineNow: () => Date,
  ) {}

  async run(users: number, keepGoing: () => boolean): Promise<void> {
    await Promise.all(
      Array.from({ length: users }, async () => {
        while (keepGoing()) await this.step();
      }),
    );
  }

  /** The complaints lodged, and what the workload last saw of each. */
  lodged(): string[] {
    return [...this.complaints.keys()];
  }

  private async step(): Promise<void> {
    const roll = Math.random();
    if (roll < 0.2 || this.complaints.size === 0) return this.lodge();
    if (roll < 0.35) return this.read();
    // The Board's complaints come first half the time: on a slow machine each complaint is
    // otherwise seen too seldom to reach a reimbursement within the run.
    const boards = [...this.complaints].filter(([, tracked]) => BOARD_STATUSES.has(tracked.status));
    const [complaintId, tracked] = pick(
      boards.length > 0 && Math.random() < 0.5 ? boards : [...this.complaints],
    );
    switch (tracked.status) {
      case 'lodged':
        return this.write(
          complaintId,
          'business-support-1',
          'referral',
          {
            serviceId: tracked.complainant.serviceId,
          },
          ['ComplaintReferred'],
        );
      case 'with-service':
        if (Math.random() < 0.5) return this.refresh(complaintId);
        return this.write(
          complaintId,
          managerOf(tracked),
          'contacts',
          {
            contactedAt: this.engineNow().toISOString(),
            method: 'phone',
            note: 'Called the head to talk it through.',
          },
          ['SchoolContacted'],
        );
      case 'contacted':
        if (Math.random() < 0.6) return this.refresh(complaintId);
        return this.write(
          complaintId,
          managerOf(tracked),
          'resolution',
          {
            resolution: 'The adviser will call weekly until the case is settled.',
          },
          ['ResolutionProposed'],
        );
      case 'escalated':
      case 'board-decided':
      case 'reimbursement-proposed':
        return this.boardSitting(complaintId, tracked);
      default:
        return this.refresh(complaintId);
    }
  }

  private async lodge(): Promise<void> {
    const complainant = pick(this.complainants);
    const answer = await this.send('POST', '/api/complaints', complainant.personId, {
      channel: 'web-form',
      schoolUrn: complainant.schoolUrn,
      serviceId: complainant.serviceId,
      summary: 'Advice on a grievance came three weeks late',
      details: 'We asked for advice and heard nothing for three weeks.',
      standards: ['listen-and-respond'],
      contact: { name: 'Head teacher', role: 'Headteacher', email: complainant.email },
    });
    if (!answer) return;
    const complaintId = answer.body.id as string;
    this.acknowledge(complaintId, answer, ['ComplaintLodged']);
    this.complaints.set(complaintId, {
      complainant,
      status: 'lodged',
      proposalId: null,
      approving: false,
    });
  }

  /**
   * The Board takes an escalated complaint as far as it can in one sitting: its decision, a
   * reimbursement, and the approvals; each step as the complaint stands after the last.
   */
  private async boardSitting(complaintId: string, tracked: Tracked): Promise<void> {
    if (tracked.status === 'escalated') {
      await this.write(
        complaintId,
        'board-chair',
        'board-decision',
        {
          outcome: 'upheld',
          failureLevel: 'significant',
          rationale: 'Nobody called the school within the ten days.',
        },
        ['BoardDecisionRecorded'],
      );
    }
    if (tracked.status === 'board-decided') {
      await this.write(
        complaintId,
        'board-chair',
        'reimbursement',
        {
          basisKind: 'contract',
          basisId: tracked.complainant.contractId,
          amountPence: 5_000,
          overrideReason: 'Agreed with the school as a token of the failure.',
        },
        ['ReimbursementProposed'],
      );
    }
    if (tracked.status === 'reimbursement-proposed') await this.approveAtOnce(complaintId, tracked);
  }

  /** Three Board members approve on three nodes at once: the quorum is met once, never twice. */
  private async approveAtOnce(complaintId: string, tracked: Tracked): Promise<void> {
    if (tracked.approving || !tracked.proposalId) return this.refresh(complaintId);
    tracked.approving = true;
    try {
      await Promise.all(
        ['board-member-1', 'board-member-2', 'board-member-3'].map((member) =>
          this.write(
            complaintId,
            member,
            'reimbursement/approvals',
            {
              proposalId: tracked.proposalId,
            },
            ['ReimbursementApprovalGiven', 'ReimbursementApproved'],
          ),
        ),
      );
    } finally {
      tracked.approving = false;
    }
  }

  private async write(
    complaintId: string,
    personId: string,
    path: string,
    body: object,
    recorded: readonly string[],
  ): Promise<void> {
    const answer = await this.send(
      'POST',
      `/api/complaints/${complaintId}/${path}`,
      personId,
      body,
    );
    if (answer) this.acknowledge(complaintId, answer, recorded);
  }

  private acknowledge(complaintId: string, answer: Answer, recorded: readonly string[]): void {
    this.tally.acknowledged += 1;
    this.acknowledged.push({ complaintId, revision: answer.etag!, recorded });
    this.track(complaintId, answer.body);
  }

  private async refresh(complaintId: string): Promise<void> {
    const answer = await this.send('GET', `/api/complaints/${complaintId}`, 'business-support-2');
    if (answer) this.track(complaintId, answer.body);
  }

  private async read(): Promise<void> {
    this.tally.reads += 1;
    await this.send('GET', '/api/complaints?limit=20', 'business-support-3');
  }

  private track(complaintId: string, view: Record<string, unknown>): void {
    const tracked = this.complaints.get(complaintId);
    if (!tracked || typeof view.status !== 'string') return;
    if (view.status === 'reimbursement-approved' && tracked.status !== view.status)
      this.tally.approved += 1;
    tracked.status =
      view.status === 'with-service' && view.firstContactAt ? 'contacted' : view.status;
    const proposal = view.reimbursement as { proposalId?: string } | null | undefined;
    tracked.proposalId = proposal?.proposalId ?? tracked.proposalId;
  }

  /**
   * Sends a request to a node that is up, and again to another (same Idempotency-Key) while nodes
   * fail it; the answer when one answered 2xx, null when refused (4xx) or given up on.
   */
  private async send(
    method: 'GET' | 'POST',
    path: string,
    personId: string,
    body?: object,
  ): Promise<Answer | null> {
    const key = randomUUID();
    for (let attempt = 1; attempt <= 30; attempt += 1) {
      const apis = this.apis();
      if (apis.length === 0) {
        await wait(200);
        continue;
      }
      try {
        const response = await fetch(`${pick(apis)}${path}`, {
          method,
          headers: {
            'X-Acting-Person': personId,
            ...(body ? { 'Content-Type': 'application/json', 'Idempotency-Key': key } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(10_000),
        });
        const text = await response.text();
        if (response.status >= 500) throw new Error(`${response.status} ${text.slice(0, 200)}`);
        if (response.status >= 400) {
          this.tally.refused += 1;
          return null;
        }
        const etag = /"(\d+)"/.exec(response.headers.get('etag') ?? '');
        return {
          status: response.status,
          etag: etag ? Number(etag[1]) : null,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        };
      } catch {
        this.tally.resent += 1;
        await wait(100 + Math.random() * 200);
      }
    }
    this.tally.gaveUp += 1;
    return null;
  }
}

const managerOf = (tracked: Tracked) => `manager-${tracked.complainant.serviceId}`;
