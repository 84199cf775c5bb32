import { ImapFlow } from 'imapflow';
import { type InboundMailSink } from '../inbound-mail-sink';
import { type IntakeLogger } from './intake-logger';
import { type ImapMailboxAddress, parseImapMailboxUrl } from './imap-mailbox-url';
import { returnPathOf } from './return-path-of';

export interface ImapMailboxPollerOptions {
  /** INBOUND_IMAP_URL: `imaps://user:password@host:port/INBOX`. */
  readonly url: string;
  /** INBOUND_IMAP_DONE_FOLDER, `/` separating folders; created when missing. */
  readonly doneFolder: string;
  /** INBOUND_IMAP_POLL_SECONDS: how long start() waits between polls. */
  readonly pollSeconds: number;
  /** INBOUND_MAIL_MAX_BYTES: a bigger message is left in the mailbox, unread, for a person. */
  readonly maxMessageBytes?: number;
}

/** The longest wait between reconnection attempts, unless polls are rarer than that anyway. */
const LONGEST_BACKOFF_MS = 5 * 60_000;
const FIRST_BACKOFF_MS = 5_000;
/** Servers may drop a session that has idled 30 minutes; IDLE is renewed well before that. */
const IDLE_RENEWAL_MS = 5 * 60_000;

/**
 * Reads a shared mailbox over IMAP: every message in it, oldest UID first, is handed to the sink
 * and, once the sink has it, moved to the done folder. A message the sink could not take stays
 * where it is and ends the batch, to be offered again next poll. A crash between the sink taking
 * a message and the move offers it again too; the sink knows it by its Message-ID and records it
 * once, so each message is taken in exactly once. It polls every `pollSeconds`, and also wakes
 * when the server says (in IDLE) that mail arrived.
 */
export class ImapMailboxPoller {
  private readonly address: ImapMailboxAddress;
  private readonly doneFolder: readonly string[];
  private readonly pollMs: number;
  private readonly maxMessageBytes: number | undefined;
  private client: ImapFlow | undefined;
  /** The poll running or last run; each poll starts after the one before it has ended. */
  private polls: Promise<unknown> = Promise.resolve();
  private started = false;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private wakeWhenDone = false;
  private failures = 0;

  constructor(
    options: ImapMailboxPollerOptions,
    private readonly sink: InboundMailSink,
    private readonly logger: IntakeLogger,
  ) {
    this.address = parseImapMailboxUrl(options.url);
    this.pollMs = options.pollSeconds * 1000;
    this.maxMessageBytes = options.maxMessageBytes;
    this.doneFolder = options.doneFolder.split('/').filter(Boolean);
    if (this.doneFolder.length === 0) throw new Error('the done folder needs a name');
  }

  /** Polls now, then every `pollSeconds` until stop(). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.logger.log(
      `IMAP: reading ${this.address.description} every ${this.pollMs / 1000} s, moving what is taken in to ${this.doneFolder.join('/')}`,
    );
    this.schedule(0);
  }

  /** Stops polling, lets a message being handed over finish, and signs out. */
  async stop(): Promise<void> {
    this.started = false;
    this.stopping = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    try {
      await this.polls;
      await this.disconnect();
    } finally {
      this.stopping = false;
    }
  }

  /** One pass over the mailbox; rejects when the server could not be reached or failed. */
  pollOnce(): Promise<{ taken: number }> {
    const poll = this.polls.then(() => this.poll());
    this.polls = poll.catch(() => undefined);
    return poll;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => this.tick(), ms);
  }

  private tick(): void {
    this.timer = undefined;
    void this.pollOnce()
      .then(
        () => {
          this.failures = 0;
          return this.pollMs;
        },
        (error: unknown) => {
          this.failures += 1;
          const backoff = Math.min(
            FIRST_BACKOFF_MS * 2 ** (this.failures - 1),
            Math.max(this.pollMs, LONGEST_BACKOFF_MS),
          );
          this.logger.warn(
            `IMAP: reading ${this.address.description} failed (${describe(error)}); trying again in ${Math.round(backoff / 1000)} s`,
          );
          return backoff;
        },
      )
      .then((delay) => {
        if (!this.started || this.timer) return;
        this.schedule(this.wakeWhenDone ? 0 : delay);
        this.wakeWhenDone = false;
      });
  }

  /** New mail was announced: poll now, or straight after the poll under way. */
  private wake(): void {
    if (!this.started) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.schedule(0);
    } else {
      this.wakeWhenDone = true;
    }
  }

  private async poll(): Promise<{ taken: number }> {
    try {
      const client = await this.connected();
      return await this.takeAll(client);
    } catch (error) {
      // A connection that failed mid-command is in no known state; the next poll starts afresh.
      await this.disconnect();
      throw error;
    }
  }

  private async takeAll(client: ImapFlow): Promise<{ taken: number }> {
    const path = pathOn(client, this.address.mailbox);
    const lock = await client.getMailboxLock(path).catch((error: unknown) => {
      throw new Error(`cannot open the mailbox ${path}, is it there? (${describe(error)})`);
    });
    try {
      // The count the server last told is stale unless the session idled since: a poll asks.
      await client.noop();
      if (!client.mailbox || client.mailbox.exists === 0) return { taken: 0 };
      const waiting: { uid: number; size: number }[] = [];
      for await (const message of client.fetch('1:*', { uid: true, size: true })) {
        waiting.push({ uid: message.uid, size: message.size ?? 0 });
      }
      waiting.sort((a, b) => a.uid - b.uid);
      let taken = 0;
      for (const { uid, size } of waiting) {
        if (this.stopping) break;
        const { maxMessageBytes } = this;
        if (maxMessageBytes !== undefined && size > maxMessageBytes) {
          this.logger.warn(
            `IMAP: message ${uid} is ${size} bytes, over the limit of ${maxMessageBytes}; left in the mailbox`,
          );
          continue;
        }
        const result = await this.takeIn(client, uid);
        if (result === 'refused') break;
        if (result === 'taken') taken += 1;
      }
      return { taken };
    } finally {
      lock.release();
    }
  }

  /** Hands one message to the sink and, once it has it, files it in the done folder. */
  private async takeIn(client: ImapFlow, uid: number): Promise<'taken' | 'gone' | 'refused'> {
    const message = await client.fetchOne(
      String(uid),
      { source: true, internalDate: true },
      { uid: true },
    );
    // Gone since the listing: another reader of the shared mailbox moved it.
    if (!message || !message.source) return 'gone';
    let outcome;
    try {
      outcome = await this.sink.accept(message.source, {
        source: 'imap',
        mailFrom: returnPathOf(message.source),
        recipients: [],
        remoteAddress: null,
        heloName: null,
        ...deliveredAtOf(message.internalDate),
      });
    } catch (error) {
      this.logger.warn(
        `IMAP: message ${uid} could not be recorded (${describe(error)}); left in the mailbox for the next poll`,
      );
      return 'refused';
    }
    // imapflow falls back to COPY, \Deleted and EXPUNGE on a server without MOVE.
    const moved = await client.messageMove(String(uid), pathOn(client, this.doneFolder), {
      uid: true,
    });
    if (!moved) {
      throw new Error(`message ${uid} could not be moved to ${this.doneFolder.join('/')}`);
    }
    this.logger.log(`IMAP: took in message ${uid} as ${outcome.mailId} (${outcome.status})`);
    return 'taken';
  }

  private async connected(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    await this.disconnect();
    const { host, port, secure, user, password, tlsInsecure } = this.address;
    const client = new ImapFlow({
      host,
      port,
      secure,
      auth: { user, pass: password },
      tls: tlsInsecure ? { rejectUnauthorized: false } : undefined,
      logger: false,
      maxIdleTime: IDLE_RENEWAL_MS,
    });
    // Without a listener an 'error' event would end the process.
    client.on('error', (error: Error) => this.logger.warn(`IMAP connection: ${error.message}`));
    client.on('exists', ({ count, prevCount }) => {
      if (count > prevCount) this.wake();
    });
    this.client = client;
    await client.connect();
    await this.ensureDoneFolder(client);
    return client;
  }

  private async ensureDoneFolder(client: ImapFlow): Promise<void> {
    const path = pathOn(client, this.doneFolder);
    const folders = await client.list();
    if (folders.some((folder) => folder.path === path)) return;
    await client.mailboxCreate(path);
    this.logger.log(`IMAP: created the folder ${this.doneFolder.join('/')}`);
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    client.removeAllListeners('exists');
    try {
      if (client.usable) await client.logout();
    } catch {
      // Signing out of a broken connection fails; closing it below is all that is left to do.
    } finally {
      client.close();
    }
  }
}

/**
 * A folder path in the server's terms: its own delimiter between folder names (Dovecot's is
 * often `.`, where `/` is not allowed in a name) and its personal namespace's prefix.
 */
function pathOn(client: ImapFlow, folders: readonly string[]): string {
  if (folders.length === 1 && folders[0].toUpperCase() === 'INBOX') return 'INBOX';
  const prefix = client.namespace?.prefix ?? '';
  const path = folders.join(client.namespace?.delimiter || '/');
  return path.startsWith(prefix) ? path : prefix + path;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The mailbox's INTERNALDATE (when it got the message), as the envelope carries it, if valid. */
function deliveredAtOf(internalDate: Date | string | undefined): { deliveredAt?: string } {
  const at = internalDate === undefined ? Number.NaN : new Date(internalDate).getTime();
  return Number.isFinite(at) ? { deliveredAt: new Date(at).toISOString() } : {};
}
