import { EVENT_STORE, type EventStore } from '@sg/event-store';
import { request as httpRequest, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type ComplaintsApp } from '../../support/complaints-app';
import { WRITTEN_IN_THE_BACKGROUND } from '../../support/appended-since';

/**
 * How many events the app's store holds, but for those the engine writes in the background (the
 * outbox's records): a refused request must not change it.
 */
export async function storedEventCount(api: ComplaintsApp): Promise<number> {
  let count = 0;
  for await (const event of api.app.get<EventStore>(EVENT_STORE).readAll())
    if (!WRITTEN_IN_THE_BACKGROUND.some((stream) => stream.test(event.stream))) count += 1;
  return count;
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/**
 * Sends a request byte for byte as given, through Node's own client: supertest would encode a
 * body for us, and could not send what a hostile client sends.
 */
export async function rawRequest(
  api: ComplaintsApp,
  options: { method: string; path: string; headers: Record<string, string>; body?: Buffer },
): Promise<RawAnswer> {
  const server = api.app.getHttpServer() as Server;
  if (!server.listening) await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method,
        path: options.path,
        headers: options.headers,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** The keys of an error body: every refusal has exactly these, `errors` only when fields are named. */
export const ERROR_KEYS = ['code', 'message', 'statusCode'];
