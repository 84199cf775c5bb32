import { type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** Refused for good (550) by the server below. */
export const GONE = 'gone@county.example';
/** Put off (451) by the server below. */
export const BUSY = 'busy@county.example';

const refusal = (responseCode: number, message: string) =>
  Object.assign(new Error(message), { responseCode });

/**
 * A real SMTP server on loopback: it refuses one recipient for good (550), puts another off
 * (451), takes any other, and remembers every RCPT it was sent.
 */
export async function startSmtpServer() {
  const recipients: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      recipients.push(address.address);
      if (address.address === GONE) return callback(refusal(550, '5.1.1 No such mailbox here'));
      if (address.address === BUSY) return callback(refusal(451, '4.3.0 Mailbox busy, try later'));
      callback();
    },
    onData(stream, _session, callback) {
      stream.on('end', () => callback());
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    recipients,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
