import { Logger } from '@nestjs/common';
import { redisClient } from '@sg/config';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { eventually } from '../support/eventually';

const target = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');

/** A TCP path to the real Redis that the test can cut and mend, on a port of its own. */
class Cable {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async connect(): Promise<void> {
    this.server = createServer((socket) => {
      const upstream = createConnection(Number(target.port || 6379), target.hostname);
      for (const end of [socket, upstream]) {
        this.sockets.add(end);
        end.on('error', () => end.destroy());
        end.on('close', () => this.sockets.delete(end));
      }
      socket.pipe(upstream).pipe(socket);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

describe('a Redis client that says when Redis stops and starts answering', () => {
  const said: string[] = [];
  const written: string[] = [];
  const writeError = process.stderr.write.bind(process.stderr);
  const cable = new Cable();

  beforeAll(async () => {
    Logger.overrideLogger({
      log: (message: string) => said.push(`log ${message}`),
      warn: (message: string) => said.push(`warn ${message}`),
      error: (message: string) => said.push(`error ${message}`),
    });
    process.stderr.write = ((chunk: string) => written.push(String(chunk))) as never;
    await cable.connect();
  });
  afterAll(() => {
    process.stderr.write = writeError;
    Logger.overrideLogger(false);
  });

  it('says once that Redis is not answering while it retries, and once that it answers again', async () => {
    const client = redisClient(
      `redis://127.0.0.1:${cable.port}`,
      { maxRetriesPerRequest: 1, retryStrategy: () => 20 },
      'the tests',
    );
    try {
      expect(await client.ping()).toBe('PONG');
      await cable.cut();
      await eventually(() => said.length > 0);
      // Many retries later, still one line, and nothing of ioredis's own on stderr.
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(said).toEqual([
        expect.stringMatching(/^warn Redis for the tests is not answering: .+; retrying$/),
      ]);
      expect(written.join('')).not.toContain('[ioredis]');
      await cable.connect();
      await eventually(() => said.includes('log Redis for the tests answers again'));
      expect(await client.ping()).toBe('PONG');
    } finally {
      client.disconnect();
      await cable.cut();
    }
  });
});
