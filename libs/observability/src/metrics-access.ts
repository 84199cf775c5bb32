import { bearerToken } from '@sg/auth';
import { createHash, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage } from 'node:http';

export type MetricsAccess = 'allowed' | 'token-required' | 'loopback-only' | 'token-not-set';

/** Headers a proxy adds when it passes on someone else's request. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

const isLoopback = (address: string | undefined): boolean =>
  !!address && (/^127\./.test(address) || /^::ffff:127\./.test(address) || address === '::1');

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Who may read the metrics without signing in. With METRICS_TOKEN set, whoever presents it as
 * `Authorization: Bearer <token>`, and nobody else, wherever they connect from: behind a proxy on the
 * same machine every request would come from loopback. Without it, only a connection from this
 * machine's loopback that no proxy passed on (no Forwarded, X-Forwarded-For or X-Real-IP header);
 * and where a proxy is said to be in front (`behindProxy`, TRUST_PROXY), nobody: a proxy on this
 * machine that adds none of those headers (nginx's plain proxy_pass) would pass on anyone's.
 */
export function metricsAccess(
  request: IncomingMessage,
  token: string | undefined,
  behindProxy = false,
): MetricsAccess {
  if (token !== undefined) {
    const given = bearerToken(request.headers.authorization);
    const matches = given !== null && timingSafeEqual(digest(given), digest(token));
    return matches ? 'allowed' : 'token-required';
  }
  if (behindProxy) return 'token-not-set';
  const forwarded = FORWARDING_HEADERS.some((header) => request.headers[header] !== undefined);
  return isLoopback(request.socket.remoteAddress) && !forwarded ? 'allowed' : 'loopback-only';
}
