/**
 * A separate process that approves reimbursements on a shared SQLite event store when told to, so
 * tests can race approvals across processes as several API nodes would. One JSON request a line
 * on stdin ({ id, complaintId, proposalId, personId, at }); one JSON answer a line on stdout.
 */
import { complaintCommandHandler, ExecuteComplaintCommand } from '@sg/complaint-service';
import { DomainError } from '@sg/complaints';
import { Directory } from '@sg/directory';
import { SqliteEventStore } from '@sg/event-store';
import { WorkingDayCalendar } from '@sg/working-days';
import { createInterface } from 'node:readline';

interface Request {
  readonly id: string;
  readonly complaintId: string;
  readonly proposalId: string;
  readonly personId: string;
  readonly at: string;
}

const store = new SqliteEventStore({ file: process.argv[2] });
const directory = new Directory(store);
const handler = complaintCommandHandler(store, new WorkingDayCalendar());

async function approve(request: Request) {
  const actor = await directory.actor(request.personId);
  if (!actor) throw new Error(`no person ${request.personId}`);
  try {
    await handler.execute(
      new ExecuteComplaintCommand(
        request.complaintId,
        { type: 'ApproveReimbursement', proposalId: request.proposalId, actor, at: request.at },
        { correlationId: request.id },
      ),
    );
    return { id: request.id, outcome: 'approved' };
  } catch (error) {
    if (error instanceof DomainError)
      return { id: request.id, outcome: 'refused', code: error.code };
    return { id: request.id, outcome: 'failed', error: (error as Error).message };
  }
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  void approve(JSON.parse(line) as Request).then((answer) =>
    process.stdout.write(`${JSON.stringify(answer)}\n`),
  );
});
lines.on('close', () => void store.close());
process.stdout.write('ready\n');
