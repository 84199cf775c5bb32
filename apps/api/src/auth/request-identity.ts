import { type Actor } from '@sg/complaints';
import { type StoredSession } from '@sg/auth';
import { type Request } from 'express';

/** What the identity guard found out about a request, for the handlers after it. */
export interface RequestWithIdentity extends Request {
  actor?: Actor;
  session?: StoredSession;
  sessionId?: string;
}
