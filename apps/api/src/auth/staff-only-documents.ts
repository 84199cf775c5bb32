import { type INestApplication } from '@nestjs/common';
import { isCouncilStaff } from '@sg/complaints';
import { type NextFunction, type Response } from 'express';
import { CallerIdentity } from './caller-identity';
import { type RequestWithIdentity } from './request-identity';

/**
 * In production the API's description is for the council's signed-in staff, not the internet:
 * it maps every route an attacker would try. The Swagger pages are not Nest routes, so the guard
 * does not see them; this identifies the caller the same way.
 */
export function staffOnlyDocuments(app: INestApplication) {
  const caller = app.get(CallerIdentity);
  return async (request: RequestWithIdentity, response: Response, next: NextFunction) => {
    const identified = await caller.identify(request).then(
      () => true,
      () => false,
    );
    if (identified && request.actor && isCouncilStaff(request.actor)) {
      next();
      return;
    }
    response.status(404).json({ statusCode: 404, code: 'NOT_FOUND', message: 'Not found' });
  };
}
