import { type ComplaintCommandResult } from '@sg/complaint-service';
import { type Actor, notFound } from '@sg/complaints';
import { type ReadModelProjector } from '@sg/read-models';
import { type Response } from 'express';
import { RecordedNotYetReadable } from '../http/recorded-not-yet-readable';
import { complaintView, type ComplaintView } from './complaint-view';

/**
 * A command's answer: the complaint as it now is, with its ETag, once this node's read model shows
 * the change (read-your-writes); if it has not within `readWaitMs`, 202 with the same view and the
 * complaint's address to poll.
 */
export async function answerWithView(
  res: Response,
  result: ComplaintCommandResult,
  projector: ReadModelProjector,
  readWaitMs: number,
  reader: Actor,
): Promise<ComplaintView> {
  if (!result.state.exists) throw notFound('COMPLAINT_NOT_FOUND', 'There is no such complaint');
  const version = result.readerVersion;
  const etag = `"${version}"`;
  const view = complaintView(result.state, version, reader);
  if (result.position && !(await projector.caughtUp(result.position, readWaitMs)))
    throw new RecordedNotYetReadable(`/api/complaints/${result.complaintId}`, etag, view);
  res.setHeader('ETag', etag);
  return view;
}
