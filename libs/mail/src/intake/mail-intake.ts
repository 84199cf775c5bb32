import { type CommandBus } from '@nestjs/cqrs';
import {
  type Clock,
  ComplaintRepository,
  ExecuteComplaintCommand,
  LodgeComplaint,
  requireContactAtSchool,
} from '@sg/complaint-service';
import {
  type Actor,
  type AttachmentRef,
  type ComplaintCommand,
  DomainError,
  lodgedBy,
  MAIL_INTAKE,
  OLDEST_RECEIPT_DAYS,
  type Policy,
  type RepliedTo,
  typedReference,
} from '@sg/complaints';
import {
  AttachmentIntake,
  type AttachmentLimits,
  type AttachmentStore,
  displayName,
} from '@sg/attachments';
import { deterministicUuid, type Directory } from '@sg/directory';
import {
  envelope,
  type EventStore,
  type ExpectedRevision,
  type RecordedEvent,
  WrongExpectedVersion,
} from '@sg/event-store';
import { createHash } from 'node:crypto';
import { automaticMailKind } from '../inbound/automatic-mail';
import { readsLikeAnAutoReply } from '../inbound/reads-like-an-auto-reply';
import {
  complaintReferenceInSubject,
  complaintReferencesInSubject,
} from '../inbound/complaint-reference-in-subject';
import {
  evolveInboundMail,
  INBOUND_MAIL_SCHEMA_VERSION,
  type InboundMailEvent,
  type InboundMailEventMap,
  inboundMailStream,
  type InboundMailState,
  type MailActedBy,
  type MatchingReason,
  NO_MAIL,
} from '../inbound/inbound-mail-events';
import {
  type InboundMailSink,
  type IntakeOutcome,
  type MailEnvelope,
} from '../inbound/inbound-mail-sink';
import { type MailAuthentication, type MailAuthenticator } from '../inbound/mail-authentication';
import { parseInboundMail, type MailFile, type ReturnedMail } from '../inbound/parse-inbound-mail';
import { isForwarded, withoutQuotedHistory } from '../inbound/without-quoted-history';
import { complaintIdFromMessageIds, notificationOfMessageId } from '../threading';
import {
  type MailRoute,
  type NamedComplaint,
  oneNamed,
  routeInboundMail,
  type RoutingFacts,
  vouchedFor,
} from './mail-route';
import {
  requireTheSchoolsWords,
  schoolMailActor,
  type SchoolContactGiven,
  sentByTheSchool,
  whoLodges,
} from './school-mail-actor';

/** What the intake needs of the rest of the engine. */
export interface MailIntakeDependencies {
  readonly events: EventStore;
  readonly directory: Directory;
  readonly commands: CommandBus;
  /** Where attachments' bytes, and each whole message, are kept by their SHA-256. */
  readonly store: AttachmentStore;
  readonly attachmentLimits: AttachmentLimits;
  readonly authenticator: MailAuthenticator;
  readonly policy: Policy;
  readonly clock: Clock;
  /** The complaint a reference names, from this node's read model (a subject may quote one). */
  readonly complaintByReference: (reference: string) => Promise<string | null>;
  /**
   * Counts a complaint about to be lodged from this address by email, saying whether the sender
   * is still within the hour's limit. Without it, there is none.
   */
  readonly mayLodgeFrom?: (senderEmail: string) => Promise<boolean>;
  /**
   * When the engine's message `notificationId` went, if it asked a school to answer (a proposed
   * resolution, or the service's question); null for any other message, or one never sent.
   * Without it, a returned message is recorded only as the bounce it is.
   */
  readonly askedSchoolToAnswer?: (notificationId: string) => Promise<{
    readonly complaintId: string;
    readonly sentAt: string;
    readonly asked: 'proposal' | 'question';
  } | null>;
  /**
   * What the engine's message `notificationId` was (its kind) and when it went; null for one
   * never sent. Without it, what a reply answers is not said.
   */
  readonly sentMail?: (notificationId: string) => Promise<{
    readonly complaintId: string;
    readonly kind: string;
    readonly sentAt: string;
  } | null>;
}

/** The messages the engine sends a school that ask it something: what a reply may answer. */
const ASKING_THE_SCHOOL: Readonly<Record<string, RepliedTo['mail']>> = {
  'question-for-school': 'question',
  // The reminder before the school's window to answer closes: "you can reply to this email".
  'school-reply-warning': 'question',
  'message-for-school': 'message',
};

/** How Business Support files a waiting email: as a new complaint, or on the complaint named. */
type Filing =
  | { readonly as: 'new-complaint'; readonly contact: SchoolContactGiven | null }
  | { readonly as: 'reply'; readonly complaint: NamedComplaint };

/** A message's arrival, recorded with the first thing done with it. */
interface Unrecorded {
  readonly event: InboundMailEvent;
  /** Its raw bytes being written to the store, which the event names. */
  readonly bytesKept: Promise<unknown>;
}

/** The intake acting on its own: recorded as the system, like the deadline worker. */
const INTAKE: MailActedBy = { id: MAIL_INTAKE.id, role: 'system' };
/** A complaint's summary is its subject, as long as a summary may be. */
const SUMMARY_MAX = 200;
const NO_SUBJECT = 'Complaint sent by email';

/**
 * Every message, from whichever source, comes through here: recorded once under an id taken from
 * its Message-ID (its bytes' digest when it has none), then filed as its route says. Each step is
 * repeatable: a message offered again (a relay's retry, a mailbox read again after a crash) finds
 * what was recorded and finishes what was left undone, and its complaint commands carry seeds
 * derived from the message, so nothing is recorded twice.
 */
export class MailIntake implements InboundMailSink {
  private readonly complaints: ComplaintRepository;
  private readonly running = new Map<string, Promise<IntakeOutcome>>();

  constructor(private readonly deps: MailIntakeDependencies) {
    this.complaints = new ComplaintRepository(deps.events);
  }

  accept(raw: Buffer, via: MailEnvelope): Promise<IntakeOutcome> {
    return this.take(raw, via);
  }

  /**
   * Business Support vouches that the email is a complaint from `schoolUrn`: it is lodged as a new
   * one, even when it names another (a closed one, say); adding it to a complaint is `attachTo`.
   */
  async match(
    mailId: string,
    schoolUrn: string,
    by: MailActedBy,
    contact: SchoolContactGiven | null = null,
  ): Promise<MailRoute> {
    if (!(await this.deps.directory.school(schoolUrn))) {
      throw new DomainError('UNKNOWN_SCHOOL', 'rule', 'Choose a school from the list');
    }
    return this.matched(mailId, schoolUrn, by, { as: 'new-complaint', contact });
  }

  /**
   * Business Support files the message on a complaint it names by reference: the sender is taken
   * to write for that complaint's school.
   */
  async attachTo(mailId: string, reference: string, by: MailActedBy): Promise<MailRoute> {
    // However the officer wrote it ("SG-2026-5", "sg 2026 000005"), as search and duplicates read it.
    const typed = typedReference(reference);
    const complaintId = typed ? await this.deps.complaintByReference(typed) : null;
    const named = complaintId ? await this.namedComplaint(complaintId) : null;
    if (!named)
      throw new DomainError(
        'COMPLAINT_NOT_FOUND',
        'not-found',
        'There is no complaint with that reference',
      );
    return this.matched(mailId, named.schoolUrn, by, { as: 'reply', complaint: named });
  }

  /**
   * Records whom Business Support matched a waiting message to, then files it as that sender's.
   * A sender whose address the directory registers for schools writes for those schools alone:
   * filed on another school's complaint, their words would be read by that school.
   */
  private async matched(
    mailId: string,
    schoolUrn: string,
    by: MailActedBy,
    filing: Filing,
  ): Promise<MailRoute> {
    const { state, history } = await this.waiting(mailId);
    // One put back before bounces were refused that (see putBack) still waits.
    refuseABounce(history, 'lodged or added to a complaint');
    const senderEmail = state.received!.from?.email;
    const reached = senderEmail ? await this.deps.directory.schoolsReachedAt(senderEmail) : [];
    if (reached.length > 0 && !reached.some((school) => school.urn === schoolUrn)) {
      throw new DomainError(
        'SENDER_OF_ANOTHER_SCHOOL',
        'rule',
        `This email is from an address of ${reached.map((school) => `${school.name} (${school.urn})`).join(', ')}: it can only go to that school’s complaints`,
      );
    }
    // What the filing would be refused for is asked before anything is recorded.
    const received = state.received!;
    const person = senderEmail ? (await this.senderFacts(senderEmail)).person : null;
    if (filing.as === 'reply') requireTheSchoolsWords(senderEmail ?? null, person, schoolUrn);
    else {
      const { actor, contact } = whoLodges(
        received.from,
        person,
        schoolUrn,
        filing.contact,
        mailId,
      );
      // A sender's own address that is not the school's cannot be its contact: a person is told
      // to name one, and nothing is recorded against the email meanwhile.
      const school = await this.deps.directory.school(schoolUrn);
      // Checked as the lodge checks it: only for one who lodges as the school's staff.
      const forTheSchool = lodgedBy({ actor, channel: 'email', schoolUrn }).role === 'school-staff';
      if (school && contact.email && forTheSchool) requireContactAtSchool(school, contact.email);
    }
    // The match is recorded first, so that of two people acting on the message at once one acts.
    const revision = await this.append(mailId, state.revision, [
      { type: 'InboundMailMatched', data: { schoolUrn, by, at: this.now() } },
    ]);
    try {
      return await this.route(
        mailId,
        { ...state, matchedSchoolUrn: schoolUrn, revision },
        by,
        filing,
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The complaint refused it: the message waits again, for no school, saying why.
      await this.append(mailId, revision, [
        {
          type: 'InboundMailAwaitingMatch',
          data: {
            reason: 'refused-by-complaint',
            complaintId: filing.as === 'reply' ? filing.complaint.complaintId : state.complaintId,
            refusal: refusalForSupport(error),
            at: this.now(),
          },
        },
      ]);
      throw error;
    }
  }

  /** The message, provided it still waits for a person. */
  private async waiting(mailId: string) {
    const loaded = await this.load(mailId);
    if (loaded.state.status !== 'awaiting-match' || !loaded.state.received) {
      throw new DomainError(
        'MAIL_NOT_AWAITING_MATCH',
        'conflict',
        'This email has already been dealt with',
      );
    }
    return loaded;
  }

  async discard(mailId: string, reason: string, by: MailActedBy): Promise<void> {
    const loaded = await this.waiting(mailId);
    await this.append(mailId, loaded.state.revision, [
      { type: 'InboundMailDiscarded', data: { reason, by, at: this.now() } },
    ]);
  }

  /**
   * Puts back in the matching queue a message set aside, by a person or as a machine's: a school's
   * complaint set aside by a slip of the mouse is otherwise lost to the guarantee.
   */
  async putBack(mailId: string, by: MailActedBy): Promise<void> {
    const loaded = await this.load(mailId);
    if (loaded.state.status !== 'discarded' && loaded.state.status !== 'ignored')
      throw new DomainError(
        'MAIL_NOT_SET_ASIDE',
        'conflict',
        'This email is not set aside: someone has already dealt with it',
      );
    refuseABounce(loaded.history, 'put back in the queue');
    await this.append(mailId, loaded.state.revision, [
      { type: 'InboundMailPutBack', data: { by, at: this.now() } },
    ]);
  }

  /**
   * A message taken in before its sender was part of its name, under its Message-ID alone, keeps
   * that name: a relay's retry or a mailbox read again across the upgrade records nothing twice.
   */
  private async takenUnderMessageIdAlone(
    message: Awaited<ReturnType<typeof parseInboundMail>>,
  ): Promise<string | null> {
    if (!message.messageId) return null;
    const earlier = legacyMailIdOf(message.messageId);
    const { state } = await this.load(earlier);
    const sender = (address: string | null | undefined) => address?.toLowerCase() ?? null;
    return state.received && sender(state.received.from?.email) === sender(message.from?.email)
      ? earlier
      : null;
  }

  /** A message's events folded. */
  async load(mailId: string): Promise<{ state: InboundMailState; history: RecordedEvent[] }> {
    let state = NO_MAIL;
    const history: RecordedEvent[] = [];
    for await (const recorded of this.deps.events.readStream(inboundMailStream(mailId))) {
      state = {
        ...evolveInboundMail(state, recorded as unknown as InboundMailEvent),
        revision: recorded.revision,
      };
      history.push(recorded);
    }
    return { state, history };
  }

  private take(raw: Buffer, via: MailEnvelope): Promise<IntakeOutcome> {
    // The bytes are written while the message is read, checked and filed: of all a message
    // costs, a new file and its folder made durable is what takes longest. A message taken in
    // before finds them there.
    const kept = this.deps.store.put(raw);
    // Awaited before anything names the bytes; until then, a failure waits to be seen there.
    kept.catch(() => undefined);
    return (async () => {
      const message = await parseInboundMail(raw);
      const rawSha256 = createHash('sha256').update(raw).digest('hex');
      const named =
        (await this.takenUnderMessageIdAlone(message)) ??
        mailIdOf(message.messageId, message.from?.email ?? null, rawSha256);
      const { mailId, authentication, loaded } = await this.nameAfterAnUnprovenCopy(
        named,
        message,
        { raw, sha256: rawSha256 },
        via,
      );
      // The same message delivered twice at once waits for the first delivery's outcome.
      const running = this.running.get(mailId);
      if (running) {
        await running.catch(() => undefined);
      }
      const work = this.takeOnce(
        mailId,
        raw,
        { sha256: rawSha256, kept },
        via,
        message,
        authentication,
        // What was read before another delivery of it finished is read again.
        running ? undefined : loaded,
      );
      this.running.set(mailId, work);
      try {
        return await work;
      } finally {
        if (this.running.get(mailId) === work) this.running.delete(mailId);
      }
    })();
  }

  /**
   * A message its From domain vouches for (DMARC passes) is not a copy of one taken earlier under
   * the same Message-ID and sender that its domain did not vouch for: whoever sent that one could
   * have forged it to have the real one dropped as a duplicate. It is taken in under a name of its
   * own, and the earlier one still waits for Business Support. Only a copy whose domain's DMARC
   * check failed outright counts: one that could not be checked may be this message itself.
   */
  private async nameAfterAnUnprovenCopy(
    mailId: string,
    message: Awaited<ReturnType<typeof parseInboundMail>>,
    { raw, sha256 }: { readonly raw: Buffer; readonly sha256: string },
    via: MailEnvelope,
  ): Promise<{
    mailId: string;
    authentication?: MailAuthentication;
    /** The stream of `mailId` as read here, so that it is not read twice. */
    loaded?: { state: InboundMailState };
  }> {
    const from = message.from?.email;
    if (!message.messageId || !from) return { mailId };
    // A copy still being taken in on this node is judged once it has been.
    await this.running.get(mailId)?.catch(() => undefined);
    const loaded = await this.load(mailId);
    const { state } = loaded;
    const earlier = state.received;
    // Only a copy its domain refused outright: one whose check could not finish (DNS trouble)
    // may be this very message, delivered again, and one not yet filed is finished as it is.
    if (!earlier || state.status === 'new' || earlier.authentication.dmarc !== 'fail')
      return { mailId, loaded };
    const authentication = await this.deps.authenticator.check(raw, via);
    return vouchedFor(authentication, from)
      ? { mailId: mailIdOf(message.messageId, from, sha256, 'proven'), authentication }
      : { mailId, authentication };
  }

  /**
   * Records the message and files it. The message's own events are appended once, with where it
   * went, after its complaint's command: each of those is repeatable under a seed taken from the
   * message, so a crash between the two leaves the message unrecorded, offered again, and filed
   * again onto what its first delivery did. One durable commit fewer a message than recording it
   * first and filing it after; and its bytes are written to disk while it is checked and filed,
   * to be waited for only by that last append.
   */
  private async takeOnce(
    mailId: string,
    raw: Buffer,
    bytes: { readonly sha256: string; readonly kept: Promise<unknown> },
    via: MailEnvelope,
    message: Awaited<ReturnType<typeof parseInboundMail>>,
    checked?: MailAuthentication,
    known?: { state: InboundMailState },
  ): Promise<IntakeOutcome> {
    let { state } = known ?? (await this.load(mailId));
    if (state.status !== 'new') return { status: 'duplicate', mailId };
    // Recorded, not yet filed: by a node that recorded a message before filing it.
    if (state.received) return this.finish(mailId, state, message, 'duplicate');
    const now = this.now();
    // The mailbox's own time is taken when it is earlier, never a time still to come (nor one
    // that is no time: NaN is not earlier).
    const delivered = Date.parse(via.deliveredAt ?? '');
    const deliveredAt = delivered < Date.parse(now) ? new Date(delivered).toISOString() : undefined;
    const [authentication, files] = await Promise.all([
      checked ?? this.deps.authenticator.check(raw, via),
      this.keepFiles(mailId, message.files),
    ]);
    const received: InboundMailEventMap['InboundMailReceived'] = {
      mailId,
      source: via.source,
      messageId: message.messageId,
      rawSha256: bytes.sha256,
      rawSizeBytes: raw.length,
      envelopeFrom: via.mailFrom,
      recipients: via.recipients,
      from: message.from,
      subject: message.subject,
      sentAt: message.sentAt,
      text: keptText(
        isForwarded(message.subject, message.text)
          ? message.text.trim()
          : withoutQuotedHistory(message.text, {
              quotesOurs: complaintIdFromMessageIds(message.threadIds) !== null,
            }),
      ),
      threadIds: message.threadIds,
      authentication,
      automatic: message.unreadable ? null : automaticMailKind(message, via.mailFrom),
      unreadable: message.unreadable,
      attachments: files.accepted,
      refusedFiles: files.refused,
      at: now,
      ...(deliveredAt ? { deliveredAt } : {}),
    };
    const unrecorded: Unrecorded = {
      event: { type: 'InboundMailReceived', data: received },
      bytesKept: bytes.kept,
    };
    state = evolveInboundMail(NO_MAIL, unrecorded.event);
    try {
      return await this.finish(mailId, state, message, 'recorded', unrecorded);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion)) throw error;
      // Another node took the same message in first: finish what it may have left undone.
      ({ state } = await this.load(mailId));
      if (state.status !== 'new') return { status: 'duplicate', mailId };
      if (!state.received) throw error;
      return this.finish(mailId, state, message, 'duplicate');
    }
  }

  private async finish(
    mailId: string,
    state: InboundMailState,
    message: Awaited<ReturnType<typeof parseInboundMail>>,
    status: IntakeOutcome['status'],
    unrecorded?: Unrecorded,
  ): Promise<IntakeOutcome> {
    if (state.received?.automatic === 'bounce' && message.returned?.failed)
      await this.traceReturn(mailId, message.returned);
    await this.route(mailId, state, INTAKE, undefined, unrecorded);
    return { status, mailId };
  }

  /** Files the message as its route says, and records where it went. */
  private async route(
    mailId: string,
    state: InboundMailState,
    by: MailActedBy,
    filing?: Filing,
    unrecorded?: Unrecorded,
  ): Promise<MailRoute> {
    const received = state.received!;
    const record = (events: readonly InboundMailEvent[]) =>
      this.append(mailId, state.revision, events, unrecorded);
    const senderEmail = received.from?.email ?? null;
    const { named, namedByThread } = !filing
      ? await this.complaintNamedBy(received)
      : { named: filing.as === 'reply' ? filing.complaint : null, namedByThread: null };
    const sender = senderEmail
      ? await this.senderFacts(senderEmail)
      : { person: null, schoolsReached: [] };
    const route = routeInboundMail({
      automatic: received.automatic,
      unreadable: received.unreadable,
      saysNothing:
        received.text.trim() === '' &&
        received.attachments.length === 0 &&
        received.refusedFiles.length === 0,
      noSubject: received.subject.trim() === '',
      readsLikeAnAutoReply: readsLikeAnAutoReply(received.text),
      senderEmail,
      authentication: received.authentication,
      sender,
      named,
      namedByThread,
      matchedSchoolUrn: state.matchedSchoolUrn,
    });
    const at = this.now();
    const seed = `mail\0${mailId}`;
    /** The message waits for Business Support, saying why. */
    const waits = async (
      reason: MatchingReason,
      complaintId: string | null,
      refusal: string | null = null,
    ): Promise<MailRoute> => {
      await record([
        { type: 'InboundMailAwaitingMatch', data: { reason, complaintId, refusal, at } },
      ]);
      return { to: 'queue', reason, complaintId };
    };
    const sentFiles = received.attachments.length > 0 || received.refusedFiles.length > 0;
    /** The files it came with, kept and refused, on the complaint as `actor`'s. */
    const fileThemOn = (complaintId: string, actor: Actor) =>
      this.execute(
        mailId,
        complaintId,
        {
          type: 'AddAttachments',
          actor,
          at,
          attachments: received.attachments,
          filesNotKept: received.refusedFiles,
        },
        `${seed}\0files`,
      );
    switch (route.to) {
      case 'ignore':
        await record([{ type: 'InboundMailIgnored', data: { kind: route.kind, at } }]);
        return route;
      case 'queue':
        return waits(route.reason, route.complaintId);
      case 'lodge': {
        const complaintId = deterministicUuid('complaint', seed);
        // What a person files is theirs to judge; what the intake would file alone is limited,
        // once a message: one whose complaint a crash left unfiled finishes what it started.
        if (
          by === INTAKE &&
          senderEmail &&
          !(await this.complaints.load(complaintId)).state.exists &&
          !(await this.withinLimit(senderEmail))
        )
          return waits('too-many-from-sender', null);
        const given = filing?.as === 'new-complaint' ? filing.contact : null;
        const { actor, contact } = whoLodges(
          received.from,
          sender.person,
          route.schoolUrn,
          given,
          mailId,
        );
        await this.deps.commands.execute(
          new LodgeComplaint(
            {
              complaintId,
              actor,
              at,
              channel: 'email',
              schoolUrn: route.schoolUrn,
              serviceId: null,
              summary: summaryOf(received.subject, received.text),
              details: detailsOf(received.subject, received.text),
              desiredOutcome: null,
              standards: [],
              contact,
              relatedContractId: null,
              relatedBookingId: null,
              attachments: received.attachments,
              filesNotKept: received.refusedFiles,
              policy: this.deps.policy,
              // Answered in the acknowledgement's headers: only an id as RFC 5322 writes one.
              emailMessageId: /^<[^<>\s]{1,250}>$/.test(received.messageId ?? '')
                ? received.messageId
                : null,
              receivedAt: receivedAtOf(received.deliveredAt ?? received.at, at),
              matchedBy: by === INTAKE ? null : { id: by.id, role: 'business-support' },
            },
            { correlationId: mailId, idSeed: seed },
          ),
        );
        await record([{ type: 'InboundMailFiled', data: { complaintId, as: 'lodged', by, at } }]);
        return route;
      }
      case 'note': {
        // Refused (finance, another service's manager: those who do not read the complaint's
        // notes), it waits for Business Support, saying why.
        const refused = (refusal: string) =>
          waits('sender-not-school-staff', route.complaintId, refusal);
        const officer = await this.deps.directory.actor(route.personId);
        if (!officer) return refused('The sender is no longer in the directory');
        try {
          await this.execute(
            mailId,
            route.complaintId,
            {
              type: 'AddInternalNote',
              actor: officer,
              at,
              noteId: deterministicUuid('mail-note', mailId),
              text:
                [received.text, keptWithTheEmail(received.attachments)]
                  .filter(Boolean)
                  .join('\n\n') || filesOnly(received.attachments),
            },
            `${seed}\0note`,
          );
          // Not on the complaint's files, which its school reads: what an officer sends with a note
          // (an investigation's findings, advice) stays with their email, which only the council's
          // staff open, as the note does.
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          return refused(error.message);
        }
        await record([
          {
            type: 'InboundMailFiled',
            data: { complaintId: route.complaintId, as: 'note', by, at },
          },
        ]);
        return route;
      }
      case 'reply': {
        const actor = schoolMailActor(received.from, senderEmail, sender.person, route.schoolUrn);
        try {
          // Refused like a complaint's refusal: waiting for Business Support, or said to them.
          requireTheSchoolsWords(senderEmail, sender.person, route.schoolUrn);
          // The files first: a reply that confirms the resolution closes the complaint to them. A
          // complaint closed already takes them after the reply, if the reply opens it again (a
          // dispute that came in time); if not, the reply is refused as the files were.
          const fileThem = () => fileThemOn(route.complaintId, actor);
          let filesWait = false;
          if (sentFiles) {
            try {
              await fileThem();
            } catch (error) {
              if (!(error instanceof DomainError) || error.code !== 'COMPLAINT_CLOSED') throw error;
              filesWait = true;
            }
          }
          await this.execute(
            mailId,
            route.complaintId,
            {
              type: 'ReplyFromSchool',
              actor,
              at,
              // Judged as of its arrival, however long it waited to be filed.
              receivedAt: received.deliveredAt ?? received.at,
              messageId: mailId,
              // A person filed it from a sender the council cannot tell is the school's: a message.
              ...(by !== INTAKE &&
              !sentByTheSchool(
                senderEmail,
                sender,
                route.schoolUrn,
                oneNamed(named)?.contactEmail ?? null,
              )
                ? { unverifiedSender: true as const }
                : {}),
              // Never its subject alone ("Re: … SG-2026-000042"), which says nothing of its own.
              text: received.text || filesOnly(received.attachments),
              ...(await this.answering(received.threadIds, route.complaintId)),
            },
            `${seed}\0reply`,
          );
          if (filesWait) await fileThem();
        } catch (error) {
          if (!(error instanceof DomainError) || by !== INTAKE) throw error;
          return waits('refused-by-complaint', route.complaintId, refusalForSupport(error));
        }
        await record([
          {
            type: 'InboundMailFiled',
            data: { complaintId: route.complaintId, as: 'reply', by, at },
          },
        ]);
        return route;
      }
    }
  }

  private withinLimit(senderEmail: string): Promise<boolean> {
    return this.deps.mayLodgeFrom?.(senderEmail.trim().toLowerCase()) ?? Promise.resolve(true);
  }

  /**
   * A bounce of a proposed resolution the engine sent a school: the school was not sent it after
   * all, so its silence must not be taken for acceptance. Done before the bounce is marked
   * handled, so a crash between the two does it again, under the same seed.
   */
  private async traceReturn(mailId: string, returned: ReturnedMail): Promise<void> {
    if (!this.deps.askedSchoolToAnswer) return;
    for (const messageId of returned.messageIds) {
      const ours = notificationOfMessageId(messageId);
      const sent = ours && (await this.deps.askedSchoolToAnswer(ours.notificationId));
      if (!ours || !sent || sent.complaintId !== ours.complaintId) continue;
      await this.execute(
        mailId,
        ours.complaintId,
        {
          type: sent.asked === 'proposal' ? 'RecordResolutionReturned' : 'RecordQuestionReturned',
          actor: MAIL_INTAKE,
          at: this.now(),
          sentAt: sent.sentAt,
          status: returned.status,
        },
        `mail\0${mailId}\0returned\0${ours.notificationId}`,
      );
    }
  }

  /**
   * Which of the engine's mails about the complaint a message replies to, by its thread: the
   * latest of them that asked the school something (a question, a message), else the latest
   * other, with when it went; or none. Unsaid where sent mail cannot be looked up.
   */
  private async answering(
    threadIds: readonly string[],
    complaintId: string,
  ): Promise<{ answering?: RepliedTo | 'no-mail-of-ours' }> {
    const lookUp = this.deps.sentMail;
    if (!lookUp) return {};
    const sent = await Promise.all(
      threadIds.map(async (messageId) => {
        const ours = notificationOfMessageId(messageId);
        const mail =
          ours && ours.complaintId === complaintId ? await lookUp(ours.notificationId) : null;
        return mail && mail.complaintId === complaintId
          ? { mail: ASKING_THE_SCHOOL[mail.kind] ?? ('other' as const), sentAt: mail.sentAt }
          : null;
      }),
    );
    const replied = sent.filter((each): each is RepliedTo => each !== null);
    const latest = (mails: RepliedTo[]) =>
      mails.reduce<RepliedTo | null>(
        (last, each) => (last && last.sentAt >= each.sentAt ? last : each),
        null,
      );
    return {
      answering:
        latest(replied.filter((each) => each.mail !== 'other')) ??
        latest(replied) ??
        'no-mail-of-ours',
    };
  }

  /** A complaint's command the message calls for, under the message's id as the intake's are. */
  private execute(mailId: string, complaintId: string, command: ComplaintCommand, idSeed: string) {
    return this.deps.commands.execute(
      new ExecuteComplaintCommand(complaintId, command, { correlationId: mailId, idSeed }),
    );
  }

  /** The complaint a message answers: by our ids in its thread first, then a reference in its subject. */
  private async complaintNamedBy(
    received: InboundMailEventMap['InboundMailReceived'],
  ): Promise<Pick<RoutingFacts, 'named' | 'namedByThread'>> {
    const threaded = complaintIdFromMessageIds(received.threadIds);
    const references = complaintReferencesInSubject(received.subject);
    // A reference that names nothing (a slip of the keys) does not outweigh a thread that does.
    const referenced = await Promise.all(
      references.map((reference) => this.deps.complaintByReference(reference)),
    );
    const named = [...new Set([threaded, ...referenced].filter((id): id is string => id !== null))];
    if (named.length > 1)
      return {
        named: 'several',
        namedByThread: threaded ? await this.namedComplaint(threaded) : null,
      };
    if (named.length === 0)
      return { named: threaded || references.length > 0 ? 'missing' : null, namedByThread: null };
    return { named: (await this.namedComplaint(named[0])) ?? 'missing', namedByThread: null };
  }

  private async namedComplaint(complaintId: string): Promise<NamedComplaint | null> {
    const { state } = await this.complaints.load(complaintId);
    if (!state.exists) return null;
    return {
      complaintId,
      schoolUrn: state.schoolUrn,
      contactEmail: state.contact.email ?? null,
    };
  }

  private async senderFacts(email: string) {
    const [person, schools] = await Promise.all([
      this.deps.directory.personByEmail(email),
      this.deps.directory.schoolsReachedAt(email),
    ]);
    return {
      person: person
        ? { personId: person.personId, disabled: person.disabled, roles: person.roles }
        : null,
      schoolsReached: schools.map((school) => school.urn),
    };
  }

  /**
   * Each file on its own through the attachment rules, so one refused file (a program, a macro
   * workbook) does not cost the school the others; a signature's inline images are not kept.
   */
  private async keepFiles(mailId: string, files: readonly MailFile[]) {
    const accepted: AttachmentRef[] = [];
    const refused: { name: string; reason: string }[] = [];
    const attached = files.filter((file) => !file.inline);
    let index = 0;
    const intake = new AttachmentIntake(this.deps.store, this.deps.attachmentLimits, () =>
      deterministicUuid('mail-attachment', mailId, String(index++)),
    );
    for (const file of attached) {
      if (accepted.length >= this.deps.attachmentLimits.maxFiles) {
        refused.push({
          name: refusedName(file.name),
          reason: `Only the first ${this.deps.attachmentLimits.maxFiles} files are kept`,
        });
        continue;
      }
      const outcome = await intake.accept([{ originalName: file.name, bytes: file.bytes }]);
      if ('accepted' in outcome) accepted.push(...outcome.accepted);
      else refused.push({ name: refusedName(file.name), reason: outcome.refused.message });
    }
    return { accepted, refused };
  }

  /**
   * Appends `events` after `revision`; after the message's own arrival first, when that is not yet
   * recorded, once its bytes are on disk. Each event's id is the one it would have had appended
   * alone, so an append that is a retry of another node's is one.
   */
  private async append(
    mailId: string,
    revision: bigint | null,
    events: readonly InboundMailEvent[],
    unrecorded?: Unrecorded,
  ): Promise<bigint> {
    if (unrecorded) await unrecorded.bytesKept;
    const all = unrecorded ? [unrecorded.event, ...events] : events;
    const expected: ExpectedRevision = revision === null ? 'no_stream' : revision;
    const result = await this.deps.events.appendToStream(
      inboundMailStream(mailId),
      all.map((event, i) => {
        const after = i === 0 ? revision : (revision ?? -1n) + BigInt(i);
        return envelope(
          event,
          { schemaVersion: INBOUND_MAIL_SCHEMA_VERSION, correlationId: mailId, actor: INTAKE },
          deterministicUuid('inbound-mail-event', mailId, event.type, String(after)),
        );
      }),
      { expectedRevision: expected },
    );
    return BigInt(result.nextExpectedRevision);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

/**
 * A refused file's name as it is shown and mailed back to the school: made safe as a kept file's
 * is (a sender's control characters would otherwise write lines of their own into the mail).
 */
const refusedName = (name: string) => (name ? displayName(name) : '(unnamed file)');

/** An officer's files, named in their note: kept with their email, for the council's staff. */
const keptWithTheEmail = (files: readonly AttachmentRef[]) =>
  files.length > 0
    ? `(Files with this email, kept with it for the council's staff only: ${files.map((file) => file.name).join(', ')})`
    : '';

/** What stands for the words of a message that sent files and said nothing. */
const filesOnly = (files: readonly AttachmentRef[]) =>
  files.length > 0 ? `(Files only: ${files.map((file) => file.name).join(', ')})` : '(No text)';

/**
 * Why the complaint refused the message, as Business Support acts on it: the domain's words, but
 * for the common case of a school writing on a complaint already closed, what to do about it.
 */
function refusalForSupport(error: DomainError): string {
  return error.code === 'COMPLAINT_CLOSED'
    ? 'the complaint is closed: lodge the email as a new complaint if it raises something new, or set it aside'
    : error.message;
}

/**
 * When the council received a complaint that came by email: when the mail arrived, however long
 * it waited for Business Support, but no earlier than a complaint may be dated back
 * (`OLDEST_RECEIPT_DAYS`), so that one left in the queue for longer can still be lodged.
 */
export function receivedAtOf(arrived: string, at: string): string {
  const oldest = Date.parse(at) - OLDEST_RECEIPT_DAYS * 86_400_000;
  const arrival = Math.min(Date.parse(arrived), Date.parse(at));
  return arrival > oldest ? new Date(arrival).toISOString() : at;
}

/** The most of a message's text its events keep; the original keeps the rest. */
const MAX_TEXT = 100_000;
const keptText = (text: string) =>
  text.length <= MAX_TEXT
    ? text
    : `${text.slice(0, MAX_TEXT)}\n\n[The rest of this email is in the original.]`;

/**
 * A Message-ID and its sender name a message wherever it travels (relay or mailbox); without a
 * Message-ID its bytes do. The sender is part of the name so that a message from someone else
 * under an id already seen, by mistake or to have a school's real message dropped, is taken as
 * the different message it is; and `proven` names one its From domain vouched for after an unproven
 * copy under the same id and sender (`nameAfterAnUnprovenCopy`).
 */
/** How a message with a Message-ID was named before its sender was part of the name. */
export const legacyMailIdOf = (messageId: string): string =>
  deterministicUuid('inbound-mail', `message-id:${messageId.trim().toLowerCase()}`);

export function mailIdOf(
  messageId: string | null,
  from: string | null,
  /** The hex SHA-256 of the message's bytes, its name when it has no Message-ID. */
  rawSha256: string,
  proven?: 'proven',
): string {
  const key = messageId
    ? `message-id:${messageId.trim().toLowerCase()}\0from:${(from ?? '').trim().toLowerCase()}${proven ? '\0proven' : ''}`
    : `sha256:${rawSha256}`;
  return deterministicUuid('inbound-mail', key);
}

/**
 * What a subject starts with that says nothing of the complaint: a reply's or forward's marks, and
 * the word "Complaint" itself ("Complaint: Schools HR advice not received" is acknowledged as
 * "We have received your complaint: Schools HR advice not received").
 */
const SUBJECT_MARKS = /^(?:\s*(?:re|fwd?|complaint)(?:\s*:|\s+[-–])\s*)+/i;

/**
 * What a complaint lodged from an email says happened: its words, and, when its subject names
 * another complaint (a school writing again on one closed), that subject, so the service sees
 * what it follows.
 */
function detailsOf(subject: string, text: string): string {
  if (!text) return subject || NO_SUBJECT;
  // A subject the summary had to cut is kept whole here, as one naming a complaint is.
  const cut = subject.replace(SUBJECT_MARKS, '').trim().length > SUMMARY_MAX;
  return complaintReferenceInSubject(subject) || cut
    ? `${text}\n\n(The email’s subject: ${subject})`
    : text;
}

function summaryOf(subject: string, text: string): string {
  const bare = subject.replace(SUBJECT_MARKS, '').trim();
  const firstLine = text
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim();
  // A reply to the council's mail about another complaint ("Re: Your complaint SG-2026-000017 is
  // closed") is summed up by what it says, not by the council's subject.
  const ours = complaintReferenceInSubject(subject) !== null;
  const line = (ours ? firstLine || bare : bare || subject.trim() || firstLine) || NO_SUBJECT;
  return line.length <= SUMMARY_MAX ? line : `${line.slice(0, SUMMARY_MAX - 1)}…`;
}

/**
 * A bounce is the council's own mail come back, enclosed whole: a sign-in or password link among
 * it, lodged as a school's complaint or filed on one, would be that school's to read and to use.
 */
function refuseABounce(history: readonly RecordedEvent[], what: string): void {
  const ignored = history.findLast((event) => event.type === 'InboundMailIgnored');
  if ((ignored?.data as { kind?: string } | undefined)?.kind === 'bounce')
    throw new DomainError(
      'MAIL_IS_A_BOUNCE',
      'rule',
      `This is one of the council’s own emails come back undelivered, not a school’s: it cannot be ${what}`,
    );
}
