import { Sessions } from '@sg/auth';
import { hasRole } from '@sg/complaints';
import { Directory } from '@sg/directory';
import { type INestApplication } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';
import { readCookie, sessionCookieName } from './session-cookie';

/**
 * In production the API's description is for the council's signed-in staff, not the internet:
 * it maps every route an attacker would try. The Swagger pages are not Nest routes, so the guard
 * does not see them; this checks the session cookie the same way.
 */
export function staffOnlyDocuments(app: INestApplication) {
  const sessions = app.get(Sessions);
  const directory = app.get(Directory);
  const cookie = sessionCookieName(true);
  return async (request: Request, response: Response, next: NextFunction) => {
    try {
      const session = await sessions.resolve(readCookie(request, cookie));
      const actor =
        session?.stage === 'signed-in' && session.personId
          ? await directory.actor(session.personId)
          : null;
      if (actor && actor.roles.length > 0 && !hasRole(actor, 'school-staff')) {
        next();
        return;
      }
      response.status(404).json({ statusCode: 404, code: 'NOT_FOUND', message: 'Not found' });
    } catch (error) {
      next(error);
    }
  };
}
