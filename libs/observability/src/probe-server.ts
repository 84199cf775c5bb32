import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { listeningOn, urlOf } from './listening-on';
import { type Registry } from 'prom-client';
import { serveMetrics } from './metrics-endpoint';
import { type Readiness } from './readiness';

export interface ProbeServerOptions {
  readonly port: number;
  /** LISTEN_ADDRESS; every interface when unset. */
  readonly host?: string;
  readonly registry: Registry;
  readonly metricsToken?: string;
  readonly readiness: Readiness;
}

export interface ProbeServer {
  readonly url: string;
  /** The URL, and whether every network interface reaches it, for the start-up line. */
  readonly listeningOn: string;
  close(): Promise<void>;
}

const answer = (response: ServerResponse, status: number, body: object) => {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(JSON.stringify(body));
};

/**
 * The worker's own small HTTP server, for its supervisor and Prometheus: `/health/live` (the
 * process answers), `/health/ready` (200, or 503 with the reasons) and `/metrics`. It starts before
 * the worker does, so a standby waiting for the lease answers too; it never keeps the process
 * alive by itself.
 */
export async function startProbeServer(options: ProbeServerOptions): Promise<ProbeServer> {
  const metrics = serveMetrics(options.registry, options.metricsToken);
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return answer(response, 405, { code: 'METHOD_NOT_ALLOWED' });
    }
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/health/live') return answer(response, 200, { status: 'live' });
    if (path === '/metrics') return metrics(request, response);
    if (path !== '/health/ready') return answer(response, 404, { code: 'NOT_FOUND' });
    options.readiness.check().then(
      ({ ready, reasons }) =>
        ready
          ? answer(response, 200, { status: 'ready' })
          : answer(response, 503, { status: 'not-ready', reasons }),
      (error: Error) => answer(response, 503, { status: 'not-ready', reasons: [error.message] }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.unref();
  return {
    url: urlOf(server.address() as AddressInfo),
    listeningOn: listeningOn(server.address() as AddressInfo),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
