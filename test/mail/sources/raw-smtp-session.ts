import { connect, type Socket } from 'node:net';

/**
 * An SMTP client that sends exactly the bytes it is given, for what nodemailer would tidy up
 * (it turns bare LF into CRLF) or would never do (hang up in the middle of a message).
 */
export class RawSmtpSession {
  private buffered = '';
  private waiting: (() => void) | undefined;
  private closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (data: Buffer) => {
      this.buffered += data.toString('latin1');
      this.waiting?.();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      this.waiting?.();
    });
  }

  static async open(port: number): Promise<RawSmtpSession> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const session = new RawSmtpSession(socket);
    await session.reply();
    return session;
  }

  /** Sends a command and returns the reply's code. */
  async command(line: string): Promise<number> {
    this.socket.write(`${line}\r\n`);
    return this.reply();
  }

  /** Sends a message's bytes, dot-stuffed, after DATA, then the end marker. */
  async data(message: Buffer): Promise<number> {
    const go = await this.command('DATA');
    if (go !== 354) return go;
    this.socket.write(this.stuffed(message));
    this.socket.write('\r\n.\r\n');
    return this.reply();
  }

  /** Sends part of a message after DATA and hangs up without finishing it. */
  async hangUpDuring(partOfMessage: Buffer): Promise<void> {
    const go = await this.command('DATA');
    if (go !== 354) throw new Error(`DATA got ${go}`);
    await new Promise<void>((resolve) =>
      this.socket.write(this.stuffed(partOfMessage), () => resolve()),
    );
    this.socket.destroy();
  }

  async quit(): Promise<void> {
    await this.command('QUIT');
    this.socket.destroy();
  }

  private stuffed(message: Buffer): Buffer {
    return Buffer.from(message.toString('latin1').replace(/(^|\n)\./g, '$1..'), 'latin1');
  }

  /** The code of the next complete reply (the last line of a multi-line one). */
  private async reply(): Promise<number> {
    for (;;) {
      const match = /^(\d{3}) .*\r\n/m.exec(this.buffered);
      if (match) {
        this.buffered = this.buffered.slice(match.index + match[0].length);
        return Number(match[1]);
      }
      if (this.closed) throw new Error('the server hung up without a reply');
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }
}
