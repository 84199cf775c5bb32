import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Registry } from 'prom-client';
import { metricsAccess } from './metrics-access';

const REFUSALS = {
  'token-required': {
    status: 401,
    code: 'METRICS_TOKEN_REQUIRED',
    message: 'Send the metrics token as Authorization: Bearer <token>',
  },
  'loopback-only': {
    status: 403,
    code: 'METRICS_FROM_THIS_MACHINE_ONLY',
    message: 'Metrics are served to this machine only, unless METRICS_TOKEN is set',
  },
  'token-not-set': {
    status: 403,
    code: 'METRICS_TOKEN_NOT_SET',
    message: 'Behind a proxy (TRUST_PROXY), metrics are served only with METRICS_TOKEN set',
  },
} as const;

/** Answers a scrape with the registry's metrics in Prometheus's text format, to whoever may read them. */
export function serveMetrics(
  registry: Registry,
  token: string | undefined,
  behindProxy = false,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const access = metricsAccess(request, token, behindProxy);
    response.setHeader('Cache-Control', 'no-store');
    if (access !== 'allowed') {
      const refusal = REFUSALS[access];
      response.statusCode = refusal.status;
      if (access === 'token-required') response.setHeader('WWW-Authenticate', 'Bearer');
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.end(JSON.stringify({ code: refusal.code, message: refusal.message }));
      return;
    }
    registry.metrics().then(
      (text) => {
        response.statusCode = 200;
        response.setHeader('Content-Type', registry.contentType);
        response.end(request.method === 'HEAD' ? undefined : text);
      },
      (error: Error) => {
        response.statusCode = 500;
        response.setHeader('Content-Type', 'text/plain; charset=utf-8');
        response.end(`metrics could not be collected: ${error.message}\n`);
      },
    );
  };
}
