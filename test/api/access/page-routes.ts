import { isApiPath, isAuthPath, isHealthPath } from '../../../apps/api/src/http/edge/site-paths';

/** `GET /complaints/:id` is a page; `GET /api/complaints/:id`, `/auth/…` and `/health` are not. */
export const isPageRoute = (route: string): boolean => {
  const path = route.split(' ')[1];
  return !isApiPath(path) && !isAuthPath(path) && !isHealthPath(path);
};
