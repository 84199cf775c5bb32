import { Get, Query, Req, Res } from '@nestjs/common';
import { conflictOfInterest, notFound } from '@sg/complaints';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { PageController } from '../core/page-controller';
import { ReadModelPages } from '../core/read-model-pages';
import { BOARD_QUEUES, type BoardQueue } from '@sg/read-models';
import { boardQueuePage, setAgainst } from './board-queue';
import { yourPartIn } from './your-part';

/** Each queue as the Board names it, and what its table's date column is for. */
const QUEUES: Record<BoardQueue, { readonly title: string; readonly due: string }> = {
  'awaiting-decision': { title: 'Awaiting decision', due: 'Decide by' },
  'awaiting-proposal': { title: 'Awaiting a proposal', due: 'Propose by' },
  'awaiting-approval': { title: 'Awaiting approval', due: 'Approve by' },
  'awaiting-payment': { title: 'Awaiting payment', due: 'Pay by' },
};

const isQueue = (value: unknown): value is BoardQueue =>
  typeof value === 'string' && (BOARD_QUEUES as readonly string[]).includes(value);

/**
 * The Board's work: escalations to decide, decided ones to propose a reimbursement for (or close
 * without one), reimbursements to approve, and those awaiting payment.
 */
@PageController('board')
export class BoardPagesController extends ReadModelPages {
  @Get()
  @RolesAllowed('board-member')
  async board(
    @Query('queue') asked: unknown,
    @Query('cursor') cursor: unknown,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const queue = asked === undefined ? 'awaiting-decision' : asked;
    if (!isQueue(queue)) throw notFound('PAGE_NOT_FOUND', 'There is no such page');
    const page = await boardQueuePage(this.queries, this.names, queue, cursor, this.clock.now());
    const withSum = queue === 'awaiting-approval' || queue === 'awaiting-payment';
    // A member who may not judge a complaint (stood aside, works for its service…) sees which in
    // the queue, not only once an action page refuses them.
    const rows = await Promise.all(
      page.rows.map(async (row) => {
        const found = await this.queries.complaint(row.id);
        const conflict = found?.state.exists
          ? conflictOfInterest(found.state, request.actor!)
          : null;
        const yourPart = found && !conflict ? yourPartIn(found.state, request.actor!) : null;
        // A reimbursement put or approved: its sum, what it is set against and who proposed it.
        const proposal = found?.state.exists && withSum ? found.state.proposal : null;
        return {
          ...row,
          conflict,
          yourPart,
          amountPence: proposal?.amountPence ?? null,
          detail: proposal
            ? setAgainst(
                proposal,
                `proposed by ${(await this.names.person(proposal.proposedBy)) ?? proposal.proposedBy}`,
              )
            : null,
        };
      }),
    );
    this.pages.render(request, response, 'board/board.njk', {
      pageTitle: `Board: ${QUEUES[queue].title.toLowerCase()}`,
      columnClasses: 'govuk-grid-column-full',
      queue,
      queues: BOARD_QUEUES.map((name) => ({
        href: `/board?queue=${name}`,
        text: QUEUES[name].title,
        active: name === queue,
      })),
      heading: QUEUES[queue].title,
      dueHeading: QUEUES[queue].due,
      rows,
      withSum,
      nextHref: page.nextCursor
        ? `/board?queue=${queue}&cursor=${encodeURIComponent(page.nextCursor)}`
        : null,
    });
  }
}
