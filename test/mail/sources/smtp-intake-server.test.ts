import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createTransport } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { SmtpIntakeServer, type SmtpIntakeServerOptions } from '@sg/mail';
import { eventually } from '../../support/eventually';
import { RawSmtpSession } from './raw-smtp-session';
import { RecordingInboundMailSink, type SinkBehaviour } from './recording-inbound-mail-sink';
import { RecordingLogger } from './recording-logger';
import { selfSignedCertificate } from './self-signed-certificate';

jest.setTimeout(120_000);

const LIMIT = 31_457_280;
const OPTIONS: SmtpIntakeServerOptions = {
  host: '127.0.0.1',
  port: 0,
  recipients: ['complaints@county.gov.uk', 'complaints.county.gov.uk'],
  maxMessageBytes: LIMIT,
  serverName: 'intake.test',
};

interface Running {
  readonly port: number;
  readonly sink: RecordingInboundMailSink;
  readonly logger: RecordingLogger;
}

const servers: SmtpIntakeServer[] = [];

async function listen(
  options: Partial<SmtpIntakeServerOptions> = {},
  behaviour?: SinkBehaviour,
): Promise<Running> {
  const sink = new RecordingInboundMailSink(behaviour);
  const logger = new RecordingLogger();
  const server = new SmtpIntakeServer({ ...OPTIONS, ...options }, sink, logger);
  servers.push(server);
  const { port } = await server.start();
  return { port, sink, logger };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

/** A relay on loopback: nodemailer sending the exact bytes with the envelope given. */
async function relay(
  port: number,
  raw: Buffer,
  envelope: { from: string; to: string[] } = {
    from: 'head@school.example',
    to: ['complaints@county.gov.uk'],
  },
  tls: { requireTLS?: boolean; ca?: Buffer } = {},
) {
  const transport = createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    name: 'relay.county.example',
    ignoreTLS: !tls.requireTLS,
    requireTLS: tls.requireTLS,
    tls: tls.ca ? { ca: tls.ca, servername: 'localhost' } : undefined,
  });
  try {
    return await transport.sendMail({ envelope, raw });
  } finally {
    transport.close();
  }
}

async function refusal(sending: Promise<unknown>): Promise<Error & { responseCode?: number }> {
  try {
    await sending;
  } catch (error) {
    return error as Error & { responseCode?: number };
  }
  throw new Error('the message was accepted');
}

function message(body: string, headers = ''): Buffer {
  return Buffer.from(
    'From: Head Teacher <head@school.example>\r\n' +
      'To: complaints@county.gov.uk\r\n' +
      `Message-ID: <${randomBytes(6).toString('hex')}@school.example>\r\n` +
      'Subject: Late invoice\r\n' +
      headers +
      '\r\n' +
      body,
  );
}

describe('SmtpIntakeServer', () => {
  it('hands a relayed message to the sink byte for byte, with its envelope, and answers 250', async () => {
    const { port, sink, logger } = await listen();
    const raw = message(
      'The invoice for March is wrong.\r\n.A line starting with a dot.\r\n..And two.\r\n',
    );

    // nodemailer lower-cases the domain; the local part keeps its case and still matches.
    const info = await relay(port, raw, {
      from: 'head@school.example',
      to: ['Complaints@county.gov.uk'],
    });

    expect(info.response).toMatch(/^250 .*taken in as mail-</);
    expect(sink.offers).toHaveLength(1);
    expect(sink.offers[0].raw.equals(raw)).toBe(true);
    expect(sink.offers[0].envelope).toEqual({
      source: 'smtp',
      mailFrom: 'head@school.example',
      recipients: ['Complaints@county.gov.uk'],
      remoteAddress: '127.0.0.1',
      heloName: 'relay.county.example',
    });
    expect(logger.text()).toContain('took in');
    expect(logger.text()).not.toContain('invoice for March');
  });

  it("gives a bounce (the empty return path) an empty mailFrom ('')", async () => {
    const { port, sink } = await listen();

    await relay(port, message('Delivery failed.\r\n'), {
      from: '',
      to: ['complaints@county.gov.uk'],
    });

    expect(sink.offers.map((offer) => offer.envelope.mailFrom)).toEqual(['']);
  });

  it('takes a 25 MB message with a large attachment under a 30 MB limit', async () => {
    const { port, sink } = await listen();
    const raw = await new MailComposer({
      from: 'head@school.example',
      to: 'complaints@county.gov.uk',
      subject: 'Scans of the invoices',
      text: 'Scans attached.',
      attachments: [{ filename: 'scans.pdf', content: randomBytes(18_500_000) }],
    })
      .compile()
      .build();
    expect(raw.length).toBeGreaterThan(25_000_000);
    expect(raw.length).toBeLessThan(LIMIT);

    await relay(port, raw);

    expect(sink.offers).toHaveLength(1);
    expect(sink.offers[0].raw.equals(raw)).toBe(true);
  });

  it('refuses a message over the limit with 552 and hands nothing to the sink', async () => {
    const { port, sink, logger } = await listen();
    const big = Buffer.concat([
      message(''),
      Buffer.from(('y'.repeat(998) + '\r\n').repeat(32_000)),
    ]);
    expect(big.length).toBeGreaterThan(LIMIT);

    const error = await refusal(relay(port, big));

    expect(error.responseCode).toBe(552);
    expect(sink.offers).toHaveLength(0);
    expect(logger.text()).toContain('over the limit');
  });

  it('refuses a recipient it does not take mail for with 550, and takes any address at a listed domain', async () => {
    const { port, sink } = await listen();

    const error = await refusal(
      relay(port, message('Wrong door.\r\n'), {
        from: 'head@school.example',
        to: ['someone@county.gov.uk'],
      }),
    );
    expect(error.responseCode).toBe(550);
    const subdomain = await refusal(
      relay(port, message('Wrong door.\r\n'), {
        from: 'head@school.example',
        to: ['x@sub.complaints.county.gov.uk'],
      }),
    );
    expect(subdomain.responseCode).toBe(550);
    expect(sink.offers).toHaveLength(0);

    // A raw session, since nodemailer would lower-case the domain before the server saw it.
    const session = await RawSmtpSession.open(port);
    expect(await session.command('EHLO relay.county.example')).toBe(250);
    expect(await session.command('MAIL FROM:<head@school.example>')).toBe(250);
    expect(await session.command('RCPT TO:<anyone@Complaints.County.GOV.uk>')).toBe(250);
    expect(await session.data(message('Right door.\r\n'))).toBe(250);
    await session.quit();
    expect(sink.offers.map((offer) => offer.envelope.recipients)).toEqual([
      ['anyone@Complaints.County.GOV.uk'],
    ]);
  });

  it('answers 451 when the sink cannot record the message, and 250 when the relay tries again', async () => {
    const { port, sink, logger } = await listen({}, (_id, attempt) =>
      attempt === 1 ? 'refuse' : 'record',
    );
    const raw = message('Please call me back.\r\n');

    const error = await refusal(relay(port, raw));
    expect(error.responseCode).toBe(451);
    expect(sink.recorded.size).toBe(0);

    await relay(port, raw);
    expect(sink.offers).toHaveLength(2);
    expect([...sink.recorded.values()].map((recorded) => recorded.equals(raw))).toEqual([true]);
    expect(logger.text()).toContain('try again');
    expect(logger.text()).not.toContain('call me back');
  });

  it.each([
    ['garbage headers', message('body\r\n', 'X-Broken\r\n: no name\r\n\u0001\u0002: control\r\n')],
    [
      'a multipart message whose final boundary never comes',
      message(
        '--b1\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b1\r\nContent-Type: text/plain\r\n\r\ncut off\r\n',
        'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n',
      ),
    ],
    [
      'undeclared 8-bit bytes',
      Buffer.concat([message(''), Buffer.from([0xff, 0xfe, 0x80, 0xe9, 0x00, 0x0d, 0x0a])]),
    ],
  ])('hands %s over as they came', async (_name, raw) => {
    const { port, sink } = await listen();

    await relay(port, raw);

    expect(sink.offers).toHaveLength(1);
    expect(sink.offers[0].raw.equals(raw)).toBe(true);
  });

  it('hands over a message with bare LF line ends as the bytes the relay sent', async () => {
    const { port, sink } = await listen();
    const bareLf = Buffer.from(
      'From: head@school.example\nTo: complaints@county.gov.uk\nSubject: Bare\n\nLine one\nLine two',
    );
    const session = await RawSmtpSession.open(port);

    expect(await session.command('EHLO relay.county.example')).toBe(250);
    expect(await session.command('MAIL FROM:<head@school.example>')).toBe(250);
    expect(await session.command('RCPT TO:<complaints@county.gov.uk>')).toBe(250);
    expect(await session.data(bareLf)).toBe(250);
    await session.quit();

    // The CRLF before the end-of-data dot ends the message's last line.
    expect(sink.offers.map((offer) => offer.raw.toString('latin1'))).toEqual([
      `${bareLf.toString('latin1')}\r\n`,
    ]);
  });

  it('survives a relay hanging up in the middle of a message, handing nothing over', async () => {
    const { port, sink, logger } = await listen();
    const session = await RawSmtpSession.open(port);
    expect(await session.command('EHLO relay.county.example')).toBe(250);
    expect(await session.command('MAIL FROM:<head@school.example>')).toBe(250);
    expect(await session.command('RCPT TO:<complaints@county.gov.uk>')).toBe(250);

    await session.hangUpDuring(message('The first half of a '));
    await eventually(() => logger.text().includes('ended before its message did'));

    const raw = message('A whole message.\r\n');
    await relay(port, raw);
    expect(sink.offers.map((offer) => offer.raw.equals(raw))).toEqual([true]);
  });

  describe('given a certificate', () => {
    let certificate: ReturnType<typeof selfSignedCertificate>;
    beforeAll(() => {
      certificate = selfSignedCertificate();
    });
    afterAll(() => rmSync(certificate.folder, { recursive: true, force: true }));

    it('offers STARTTLS, and a relay that upgrades delivers over TLS', async () => {
      const { port, sink } = await listen({
        tls: { certPath: certificate.certPath, keyPath: certificate.keyPath },
      });
      const raw = message('Sent over TLS.\r\n');

      await relay(port, raw, undefined, {
        requireTLS: true,
        ca: readFileSync(certificate.certPath),
      });

      expect(sink.offers.map((offer) => offer.raw.equals(raw))).toEqual([true]);
    });

    it('still takes mail from a relay that does not use TLS', async () => {
      const { port, sink } = await listen({
        tls: { certPath: certificate.certPath, keyPath: certificate.keyPath },
      });

      await relay(port, message('Sent in the clear.\r\n'));

      expect(sink.offers).toHaveLength(1);
    });
  });

  it('does not offer STARTTLS without a certificate', async () => {
    const { port, sink } = await listen();

    const error = await refusal(
      relay(port, message('Must be TLS.\r\n'), undefined, { requireTLS: true }),
    );

    expect(error.message).toMatch(/STARTTLS/);
    expect(sink.offers).toHaveLength(0);
  });
});
