import { ImapMailboxPoller, type ImapMailboxPollerOptions } from '@sg/mail';
import { startDovecot, type RunningDovecot } from '../../support/dovecot';
import { eventually } from '../../support/eventually';
import { RecordingInboundMailSink, type SinkBehaviour } from './recording-inbound-mail-sink';
import { RecordingLogger } from './recording-logger';
import { append, capabilitiesOf, messageIdsIn } from './test-mailbox';

jest.setTimeout(90_000);

const DONE = ['Service Guarantee', 'Taken in'];

function mail(n: number, headers = ''): Buffer {
  return Buffer.from(
    `${headers}From: School ${n} <head${n}@school.example>\r\n` +
      'To: complaints@county.gov.uk\r\n' +
      `Message-ID: <m${n}@school.example>\r\n` +
      `Subject: Complaint ${n}\r\n` +
      '\r\n' +
      `Confidential body of message ${n}.\r\n`,
  );
}

const ids = (...ns: number[]) => ns.map((n) => `<m${n}@school.example>`);

let dovecot: RunningDovecot;
let poller: ImapMailboxPoller | undefined;

afterEach(async () => {
  await poller?.stop();
  poller = undefined;
  await dovecot?.stop();
});

function pollerFor(
  sink: RecordingInboundMailSink,
  logger = new RecordingLogger(),
  options: Partial<ImapMailboxPollerOptions> = {},
): ImapMailboxPoller {
  poller = new ImapMailboxPoller(
    { url: dovecot.url(), doneFolder: DONE.join('/'), pollSeconds: 60, ...options },
    sink,
    logger,
  );
  return poller;
}

describe('ImapMailboxPoller', () => {
  describe('on a Dovecot mailbox', () => {
    beforeEach(async () => {
      dovecot = await startDovecot();
    });

    it('offers every message once, in order, with when the mailbox got it, and moves each to the done folder it creates', async () => {
      // Delivered just before midnight, read after: an answer is judged as of its delivery.
      const delivered = new Date('2025-10-14T22:59:10.000Z');
      await append(
        dovecot,
        [
          mail(1, 'Return-Path: <head1@school.example>\r\n'),
          mail(2, 'Return-Path: <>\r\n'),
          mail(3),
          mail(4),
          mail(5),
        ],
        ['INBOX'],
        delivered,
      );
      const sink = new RecordingInboundMailSink();
      const logger = new RecordingLogger();

      const reader = pollerFor(sink, logger);

      expect(await reader.pollOnce()).toEqual({ taken: 5 });

      expect(sink.offeredIds()).toEqual(ids(1, 2, 3, 4, 5));
      expect(sink.offers.map((offer) => offer.envelope)).toEqual([
        {
          source: 'imap',
          mailFrom: 'head1@school.example',
          recipients: [],
          remoteAddress: null,
          heloName: null,
          deliveredAt: delivered.toISOString(),
        },
        // A bounce's empty return path is '' (a bounce); no Return-Path at all is null (unknown).
        ...['', null, null, null].map((mailFrom) => ({
          source: 'imap',
          mailFrom,
          recipients: [],
          remoteAddress: null,
          heloName: null,
          deliveredAt: delivered.toISOString(),
        })),
      ]);
      expect(sink.offers[2].raw.toString()).toContain('Confidential body of message 3.');
      expect(await messageIdsIn(dovecot, ['INBOX'])).toEqual([]);
      expect(await messageIdsIn(dovecot, DONE)).toEqual(ids(1, 2, 3, 4, 5));
      expect(await reader.pollOnce()).toEqual({ taken: 0 });
      expect(logger.text()).not.toContain('Confidential');
      expect(logger.text()).not.toContain(dovecot.password);
    });

    it('leaves a message the sink cannot take, and those after it, for the next poll', async () => {
      await append(
        dovecot,
        [1, 2, 3, 4, 5].map((n) => mail(n)),
      );
      const refuseThirdOnce: SinkBehaviour = (id, attempt) =>
        id === ids(3)[0] && attempt === 1 ? 'refuse' : 'record';
      const sink = new RecordingInboundMailSink(refuseThirdOnce);
      const reader = pollerFor(sink);

      expect(await reader.pollOnce()).toEqual({ taken: 2 });
      expect(await messageIdsIn(dovecot, DONE)).toEqual(ids(1, 2));
      expect(await messageIdsIn(dovecot, ['INBOX'])).toEqual(ids(3, 4, 5));

      expect(await reader.pollOnce()).toEqual({ taken: 3 });
      expect(sink.offeredIds()).toEqual(ids(1, 2, 3, 3, 4, 5));
      expect(await messageIdsIn(dovecot, DONE)).toEqual(ids(1, 2, 3, 4, 5));
      expect(await messageIdsIn(dovecot, ['INBOX'])).toEqual([]);
    });

    it('takes in a message exactly once when it was recorded but the answer never came', async () => {
      await append(
        dovecot,
        [1, 2, 3].map((n) => mail(n)),
      );
      const crashAfterRecordingSecond: SinkBehaviour = (id, attempt) =>
        id === ids(2)[0] && attempt === 1 ? 'record-then-fail' : 'record';
      const sink = new RecordingInboundMailSink(crashAfterRecordingSecond);
      const reader = pollerFor(sink);

      expect(await reader.pollOnce()).toEqual({ taken: 1 });
      expect(await messageIdsIn(dovecot, ['INBOX'])).toEqual(ids(2, 3));
      expect(await reader.pollOnce()).toEqual({ taken: 2 });

      expect(sink.offeredIds()).toEqual(ids(1, 2, 2, 3));
      expect([...sink.recorded.keys()]).toEqual(ids(1, 2, 3));
      expect(await messageIdsIn(dovecot, ['INBOX'])).toEqual([]);
      expect(await messageIdsIn(dovecot, DONE)).toEqual(ids(1, 2, 3));
    });

    it('offers a message again after the connection died between recording and moving it', async () => {
      await append(
        dovecot,
        [1, 2, 3].map((n) => mail(n)),
      );
      let kicked = false;
      const sink = new RecordingInboundMailSink(undefined, async (id) => {
        if (id !== ids(2)[0] || kicked) return;
        kicked = true;
        await dovecot.kick();
      });
      const reader = pollerFor(sink);

      await expect(reader.pollOnce()).rejects.toThrow();
      expect(await messageIdsIn(dovecot, ['INBOX'])).toEqual(ids(2, 3));

      expect(await reader.pollOnce()).toEqual({ taken: 2 });
      expect(sink.offeredIds()).toEqual(ids(1, 2, 2, 3));
      expect([...sink.recorded.keys()]).toEqual(ids(1, 2, 3));
      expect(await messageIdsIn(dovecot, ['INBOX'])).toEqual([]);
      expect(await messageIdsIn(dovecot, DONE)).toEqual(ids(1, 2, 3));
    });

    it('leaves a message over the size limit in the mailbox and takes the rest', async () => {
      const big = Buffer.concat([mail(2), Buffer.from('z'.repeat(100_000) + '\r\n')]);
      await append(dovecot, [mail(1), big, mail(3)]);
      const sink = new RecordingInboundMailSink();
      const logger = new RecordingLogger();

      const taken = await pollerFor(sink, logger, { maxMessageBytes: 65_536 }).pollOnce();

      expect(taken).toEqual({ taken: 2 });
      expect(sink.offeredIds()).toEqual(ids(1, 3));
      expect(await messageIdsIn(dovecot, ['INBOX'])).toEqual(ids(2));
      expect(logger.text()).toContain('over the limit of 65536; left in the mailbox');
    });

    it('polls on its own once started, and carries on after the server drops it', async () => {
      const sink = new RecordingInboundMailSink();
      const logger = new RecordingLogger();
      await append(dovecot, [mail(1), mail(2)]);

      pollerFor(sink, logger, { pollSeconds: 1 }).start();
      await eventually(() => sink.recorded.size === 2, 30_000);
      await dovecot.kick();
      await append(dovecot, [mail(3)]);
      await eventually(() => sink.recorded.size === 3, 30_000);
      await poller?.stop();

      expect(sink.offeredIds()).toEqual(ids(1, 2, 3));
      expect(await messageIdsIn(dovecot, DONE)).toEqual(ids(1, 2, 3));
    });

    it('finds new mail at each poll, however soon it comes: the connection never idles between them', async () => {
      const sink = new RecordingInboundMailSink();
      await append(dovecot, [mail(1)]);
      pollerFor(sink, new RecordingLogger(), { pollSeconds: 1 }).start();
      await eventually(() => sink.recorded.size === 1, 30_000);
      await append(dovecot, [mail(2)]);
      // A second, not the five minutes until the server next drops the connection.
      await eventually(() => sink.recorded.size === 2, 20_000);
      expect(await messageIdsIn(dovecot, DONE)).toEqual(ids(1, 2));
    });

    it('says which mailbox it cannot open', async () => {
      const logger = new RecordingLogger();
      const reader = new ImapMailboxPoller(
        {
          url: dovecot.url('Complaints'),
          doneFolder: DONE.join('/'),
          pollSeconds: 60,
        },
        new RecordingInboundMailSink(),
        logger,
      );
      await expect(reader.pollOnce()).rejects.toThrow('cannot open the mailbox Complaints');
      await reader.stop();
    });

    it('takes new mail the server announces while idling, long before the next poll', async () => {
      const sink = new RecordingInboundMailSink();
      const logger = new RecordingLogger();

      const reader = pollerFor(sink, logger, { pollSeconds: 3600 });
      reader.start();
      // Runs after the first poll, so nothing but the server's word can bring the next one on.
      expect(await reader.pollOnce()).toEqual({ taken: 0 });
      await append(dovecot, [mail(1)]);
      await eventually(() => sink.recorded.size === 1, 60_000);

      expect(await messageIdsIn(dovecot, DONE)).toEqual(ids(1));
    });
  });

  it('copies and expunges on a server without MOVE', async () => {
    dovecot = await startDovecot({ withoutMove: true });
    expect(await capabilitiesOf(dovecot)).not.toContain('MOVE');
    expect(await capabilitiesOf(dovecot)).toContain('UIDPLUS');
    await append(
      dovecot,
      [1, 2, 3].map((n) => mail(n)),
    );
    const sink = new RecordingInboundMailSink();

    expect(await pollerFor(sink).pollOnce()).toEqual({ taken: 3 });

    expect(await messageIdsIn(dovecot, ['INBOX'])).toEqual([]);
    expect(await messageIdsIn(dovecot, DONE)).toEqual(ids(1, 2, 3));
  });
});
