import { randomUUID } from 'node:crypto';

/** The shape the API accepts for an id a caller sends (as it does for X-Correlation-Id). */
const WELL_FORMED_ID = /^[\w.:-]{1,100}$/;

/** The header's value if it is one well-formed id, otherwise nothing. */
export function wellFormedId(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && WELL_FORMED_ID.test(header) ? header : undefined;
}

/** A request's id: the caller's X-Request-Id (a proxy's, say) if well-formed, else a new one. */
export const requestIdFrom = (header: string | string[] | undefined): string =>
  wellFormedId(header) ?? randomUUID();
