import { type NextFunction, type Request, type Response } from 'express';
import { isApiPath, isAuthPath } from './site-paths';

/**
 * API answers and signed-in pages hold personal data about school staff and complaints: no browser
 * or proxy may keep a copy, whatever the status.
 */
export function noStoreOnPersonalPaths(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  if (isApiPath(request.originalUrl) || isAuthPath(request.originalUrl))
    response.setHeader('Cache-Control', 'no-store');
  next();
}
