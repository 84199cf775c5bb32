import { type RoleGrant } from '@sg/complaints';
import { type AutomaticMailKind } from '../inbound/automatic-mail';
import { type MatchingReason } from '../inbound/inbound-mail-events';
import { type MailAuthentication } from '../inbound/mail-authentication';

/** What the directory knows of a message's sender. */
export interface SenderFacts {
  /** The person with this address, if the directory has one. */
  readonly person: {
    readonly personId: string;
    readonly disabled: boolean;
    readonly roles: readonly RoleGrant[];
  } | null;
  /** The schools whose registered addresses or domains include the sender's address. */
  readonly schoolsReached: readonly string[];
}

/** The complaint a message names (by its thread or its subject), as far as routing needs it. */
export interface NamedComplaint {
  readonly complaintId: string;
  readonly schoolUrn: string;
  /** The address the complaint was lodged with, which may be no school's registered one. */
  readonly contactEmail: string | null;
}

export interface RoutingFacts {
  readonly automatic: AutomaticMailKind | null;
  readonly unreadable: boolean;
  /** No text in its body and no file kept from it. */
  readonly saysNothing?: boolean;
  /** No subject either: a new complaint's subject may be all it says, a reply's never is. */
  readonly noSubject?: boolean;
  /** Its text opens as an out-of-office reply's does, though nothing marks it automatic. */
  readonly readsLikeAnAutoReply?: boolean;
  readonly senderEmail: string | null;
  readonly authentication: MailAuthentication;
  readonly sender: SenderFacts;
  /**
   * The complaint it names, once looked up; `missing` when it named one that does not exist;
   * `several` when its thread and its subject, or its subject twice, name different complaints.
   */
  readonly named: NamedComplaint | 'missing' | 'several' | null;
  /**
   * When it names several: the one our email it answers was about, if it answers one. A council
   * officer's answer to our mail is their note on that complaint, whatever else its subject says.
   */
  readonly namedByThread?: NamedComplaint | null;
  /** A school Business Support matched the sender to, overriding what the directory says. */
  readonly matchedSchoolUrn: string | null;
}

export type MailRoute =
  | { readonly to: 'ignore'; readonly kind: AutomaticMailKind }
  | { readonly to: 'queue'; readonly reason: MatchingReason; readonly complaintId: string | null }
  | { readonly to: 'reply'; readonly complaintId: string; readonly schoolUrn: string }
  /** A council officer's answer to the engine's mail about a complaint: their note on it. */
  | { readonly to: 'note'; readonly complaintId: string; readonly personId: string }
  | { readonly to: 'lodge'; readonly schoolUrn: string };

/**
 * Where a message goes: nowhere, if a machine wrote it; to a person, if it could not be read; onto the complaint it answers, if its
 * sender writes for that complaint's school; a new complaint, if it answers none and its sender
 * writes for exactly one school; otherwise to Business Support, saying why. Only a message its
 * From domain vouches for (DMARC passed, for that very domain) is filed without a person: one that
 * fails, or whose domain publishes no DMARC policy, or whose check could not be completed, proves
 * nothing about its sender. Nor is one filed from an address the directory holds for a council
 * officer or a disabled account.
 */
export function routeInboundMail(facts: RoutingFacts): MailRoute {
  // A person who matched it (one put back after it was taken for a machine's) says otherwise.
  if (facts.automatic && !facts.matchedSchoolUrn) return { to: 'ignore', kind: facts.automatic };
  const namedId = oneNamed(facts.named)?.complaintId ?? null;
  const queue = (reason: MatchingReason): MailRoute => ({
    to: 'queue',
    reason,
    complaintId: namedId,
  });
  if (facts.unreadable && !facts.matchedSchoolUrn) return queue('unreadable');
  if (facts.readsLikeAnAutoReply && !facts.matchedSchoolUrn)
    return queue('reads-like-an-auto-reply');
  if (facts.matchedSchoolUrn) {
    const named = oneNamed(facts.named);
    return named && named.schoolUrn === facts.matchedSchoolUrn
      ? { to: 'reply', complaintId: named.complaintId, schoolUrn: facts.matchedSchoolUrn }
      : { to: 'lodge', schoolUrn: facts.matchedSchoolUrn };
  }
  const senderEmail = facts.senderEmail;
  if (!senderEmail) return queue('unknown-sender');
  // Who the sender says they are decides where it would go; only then is that claim tested.
  const claimed = claimedRoute(facts, senderEmail);
  if (claimed.to === 'queue') return queue(claimed.reason);
  return vouchedFor(facts.authentication, senderEmail) ? claimed : queue('failed-authentication');
}

/** Where the message would go if it is from whom it says. */
function claimedRoute(
  facts: RoutingFacts,
  senderEmail: string,
): Exclude<MailRoute, { to: 'ignore' }> | { to: 'queue'; reason: MatchingReason } {
  const schools = schoolsOfSender(facts.sender);
  const queue = (reason: MatchingReason) => ({ to: 'queue' as const, reason });
  const officer = facts.sender.person;
  if (schools === 'not-school-staff') {
    // Staff answer the engine's mail about a complaint ("I phoned the head this morning"): what
    // they write is theirs, on the complaint, if they read its notes (the decider says).
    const named =
      oneNamed(facts.named) ?? (facts.named === 'several' ? (facts.namedByThread ?? null) : null);
    if (!officer || officer.disabled || facts.named === null || facts.named === 'missing')
      return queue('sender-not-school-staff');
    // Business Support cannot file a council officer's words as the school's: only the thread
    // tells which complaint they are a note on.
    if (!named) return queue('names-several-complaints');
    return facts.saysNothing
      ? queue('says-nothing')
      : { to: 'note', complaintId: named.complaintId, personId: officer.personId };
  }
  if (facts.named === 'missing') return queue('complaint-not-found');
  // Which one it answers is a person's call: filed on one, its words would be lost to the other.
  if (facts.named === 'several') return queue('names-several-complaints');
  if (facts.named) {
    const named = facts.named;
    const isContact =
      named.contactEmail !== null && named.contactEmail.toLowerCase() === senderEmail.toLowerCase();
    if (!schools.includes(named.schoolUrn) && !isContact)
      return queue(schools.length === 0 ? 'unknown-sender' : 'not-the-complaint-school');
    return facts.saysNothing
      ? queue('says-nothing')
      : { to: 'reply', complaintId: named.complaintId, schoolUrn: named.schoolUrn };
  }
  if (schools.length === 0) return queue('unknown-sender');
  if (schools.length > 1) return queue('several-schools');
  if (facts.saysNothing && facts.noSubject) return queue('says-nothing');
  return { to: 'lodge', schoolUrn: schools[0] };
}

/**
 * DMARC passed for the domain of the address the message is from (mailauth checks alignment), or
 * for the organisation it is under: a sender at office.brookside.example passes under
 * brookside.example's policy, which is where DMARC finds it and mailauth reports it.
 */
export function vouchedFor(authentication: MailAuthentication, senderEmail: string): boolean {
  const domain = senderEmail.slice(senderEmail.lastIndexOf('@') + 1).toLowerCase();
  const policy = authentication.dmarcDomain?.toLowerCase();
  return (
    authentication.dmarc === 'pass' &&
    policy !== undefined &&
    (domain === policy || domain.endsWith(`.${policy}`))
  );
}

/**
 * The schools a sender writes for: a person's own school-staff grants when the directory has
 * them, else the schools their address reaches (as signing in by an emailed link would give).
 */
function schoolsOfSender(sender: SenderFacts): readonly string[] | 'not-school-staff' {
  const person = sender.person;
  if (!person) return sender.schoolsReached;
  if (person.disabled) return 'not-school-staff';
  const granted = person.roles.flatMap((grant) =>
    grant.role === 'school-staff' ? [grant.schoolUrn] : [],
  );
  if (granted.length > 0) return granted;
  return person.roles.length > 0 ? 'not-school-staff' : sender.schoolsReached;
}

/** The one complaint a message names, if it names exactly one that exists. */
export function oneNamed(named: RoutingFacts['named']): NamedComplaint | null {
  return named && typeof named === 'object' ? named : null;
}
