import { ImapFlow } from 'imapflow';
import { type RunningDovecot } from '../../support/dovecot';
import { messageIdOf } from './recording-inbound-mail-sink';

/** A separate IMAP session on the test's Dovecot, to put mail in and look at what is there. */
async function withSession<T>(dovecot: RunningDovecot, use: (client: ImapFlow) => Promise<T>) {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.logout();
  }
}

/** Puts messages in, each delivered `deliveredAt` (the INTERNALDATE) when given, else now. */
export function append(
  dovecot: RunningDovecot,
  messages: readonly Buffer[],
  folder = ['INBOX'],
  deliveredAt?: Date,
) {
  return withSession(dovecot, async (client) => {
    for (const raw of messages) await client.append(folder, raw, [], deliveredAt);
  });
}

/** The Message-IDs in a folder, oldest UID first; none when the folder does not exist. */
export function messageIdsIn(dovecot: RunningDovecot, folder: readonly string[]) {
  return withSession(dovecot, async (client) => {
    const exists = (await client.list()).some(
      (mailbox) => [...mailbox.parent, mailbox.name].join('/') === folder.join('/'),
    );
    if (!exists) return [];
    const lock = await client.getMailboxLock([...folder]);
    try {
      if (!client.mailbox || client.mailbox.exists === 0) return [];
      const messages = await client.fetchAll('1:*', { uid: true, source: true });
      return messages
        .sort((a, b) => a.uid - b.uid)
        .map((message) => messageIdOf(message.source ?? Buffer.alloc(0)));
    } finally {
      lock.release();
    }
  });
}

/** The capabilities the server announces once signed in. */
export function capabilitiesOf(dovecot: RunningDovecot) {
  return withSession(dovecot, (client) => Promise.resolve([...client.capabilities.keys()]));
}
