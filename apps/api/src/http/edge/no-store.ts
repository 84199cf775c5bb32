import { type NextFunction, type Request, type Response } from 'express';
import { isAssetPath } from './site-paths';

/**
 * API answers and pages hold personal data about school staff and complaints: no browser or proxy
 * may keep a copy, whatever the status. Only the pages' assets, the same for everyone, are cached.
 */
export function noStoreOnPersonalPaths(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  if (!isAssetPath(request.originalUrl)) response.setHeader('Cache-Control', 'no-store');
  next();
}
