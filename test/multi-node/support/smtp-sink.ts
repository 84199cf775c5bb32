import { type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** The notification an engine's message carries in its Message-ID, if any. */
const NOTIFICATION_ID = /^Message-ID:\s*<([0-9a-f-]{36})\./im;

/** A mail server on loopback that takes everything and remembers each message's notification id. */
export async function startSmtpSink() {
  const delivered: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const match = NOTIFICATION_ID.exec(head);
        if (match) delivered.push(match[1]);
        callback();
      });
    },
  });
  // A worker killed mid-message resets its connection, which smtp-server reports as an 'error'
  // event on the server: unheard, it would end the test; the sink, like a mail server, carries on.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    delivered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
