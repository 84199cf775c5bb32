import { createHash } from 'node:crypto';
import { type InboundMailSink, type IntakeOutcome, type MailEnvelope } from '@sg/mail';

export interface Offer {
  readonly raw: Buffer;
  readonly envelope: MailEnvelope;
}

/** What the sink does with one offer, given the message's id and how many times it was offered. */
export type SinkBehaviour = (
  messageId: string,
  attempt: number,
) => 'record' | 'refuse' | 'record-then-fail';

/** The Message-ID header, or a hash of the bytes for a message without one, as the pipeline does. */
export function messageIdOf(raw: Buffer): string {
  const headerEnd = [raw.indexOf('\r\n\r\n'), raw.indexOf('\n\n')].filter((at) => at >= 0);
  const header = raw
    .subarray(0, headerEnd.length ? Math.min(...headerEnd) : raw.length)
    .toString('latin1')
    .replace(/\r?\n[ \t]+/g, ' ');
  const match = /^message-id:\s*(<[^>]*>)/im.exec(header);
  return match ? match[1] : `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

/**
 * A sink that keeps what it is offered and records each Message-ID once, as the real pipeline
 * promises; it can refuse, or record and then fail as a crash before the answer would.
 */
export class RecordingInboundMailSink implements InboundMailSink {
  readonly offers: Offer[] = [];
  readonly recorded = new Map<string, Buffer>();
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly behaviour: SinkBehaviour = () => 'record',
    /** Runs after a message is recorded and before accept answers. */
    private readonly afterRecording: (messageId: string) => Promise<void> = async () => {},
  ) {}

  /** The Message-IDs in the order they were offered, repeats included. */
  offeredIds(): string[] {
    return this.offers.map((offer) => messageIdOf(offer.raw));
  }

  async accept(raw: Buffer, envelope: MailEnvelope): Promise<IntakeOutcome> {
    this.offers.push({ raw: Buffer.from(raw), envelope });
    const messageId = messageIdOf(raw);
    const attempt = (this.attempts.get(messageId) ?? 0) + 1;
    this.attempts.set(messageId, attempt);
    const behaviour = this.behaviour(messageId, attempt);
    if (behaviour === 'refuse') throw new Error('the event store is not answering');
    const duplicate = this.recorded.has(messageId);
    if (!duplicate) this.recorded.set(messageId, Buffer.from(raw));
    await this.afterRecording(messageId);
    if (behaviour === 'record-then-fail') throw new Error('crash');
    return { status: duplicate ? 'duplicate' : 'recorded', mailId: `mail-${messageId}` };
  }
}
