import { isSchoolStaffOf } from '../actor';
import { type CommandOf } from '../commands';
import { type ComplaintEvent } from '../events';
import { conflict } from '../errors';
import { type ComplaintState, type OpenComplaint } from '../state';
import { backToTheService, confirmResolution, disputeResolution } from './school';
import { isBefore } from '../clocks';
import { evolve } from '../evolve';
import { firstWordsLine } from './first-words';
import { lapsedQuestion, recordInformationReceived } from './service';
import { sendMessage } from './correspondence';
import {
  actingAs,
  type DecisionContext,
  inStatus,
  NOT_CLOSED,
  requireText,
  staffOf,
} from './support';

/** What a school's reply to a proposed resolution says on its first line, if it says either. */
export type ResolutionAnswer = 'resolved' | 'not-resolved';

/**
 * The proposal mail asks the school to reply "resolved", or "not resolved" and why; people write
 * "Not resolved.", "No, it is not resolved", "This still hasn't been resolved", "Unresolved". The
 * answer is the first paragraph after any greeting ("Hi,", "Dear Sam"). Closing a complaint the
 * school says is not put right is the worse mistake, so "resolved" confirms only said plainly
 * ("Resolved, thank you.", "Yes, resolved"), with nothing in its paragraph asking, denying or
 * holding back ("Resolved? No", "Resolved for Mrs Jones only", "Resolved, but Mr Patel still
 * waits"); and a reply that is neither is no acceptance either (see `replyFromSchool`).
 */
const NOT_RESOLVED =
  /^\s*(?:no\b(?!\s+(?:further\s+action|problems?|worries|complaints))|nope\b|nah\b)|(?:\bnot|n[’']t|\bnever|\bno\s+longer)\s+(?:[\p{L}’']+\s+){0,2}?resolved\b|\bunresolved\b/iu;
const NO_FURTHER_ACTION = String.raw`no\s+further\s+action\s+(?:is\s+)?(?:needed|required)`;
const NO_PROBLEM = String.raw`no\s+(?:problems?|worries)`;
/** The punctuation that sets a courtesy apart from what follows it. */
const MARK = '[.,!:;–—-]';
/**
 * A plain acceptance's own "no", which holds nothing back: "No problem,", "no further action
 * needed". Only set apart by punctuation is "no problem" a courtesy: "No problems resolved" is not.
 */
const COURTESY = new RegExp(
  String.raw`\b${NO_PROBLEM}(?=\s*${MARK})|\b${NO_FURTHER_ACTION}`,
  'giu',
);
/**
 * Between the words of a plain acceptance: spaces, punctuation and a smile or a thumbs-up; never
 * any emoji ("Resolved 🙄" is no acceptance).
 */
const P = String.raw`(?:\s|${MARK}|:-?\)|(?:👍|✅|✔|🙂|😊|😀|😃|🙏|👌|☺)[\u{1F3FB}-\u{1F3FF}]?\uFE0F?)*`;
/** Thanks, and only thanks, for nothing or for help: "thanks for wasting a term" is no thanks. */
const THANKS = String.raw`(?:(?:many\s+)?thanks|thank\s+you|cheers)(?:\s+again)?(?:\s+(?:very|so)\s+much)?(?:\s+for\s+(?:(?:all\s+)?(?:your|the)\s+(?:help|support|work|time|efforts?)|sorting\s+(?:it|this|that)(?:\s+out)?|(?:your|the)\s+quick\s+(?:response|reply|action)))?`;
/** What goes before a plain "resolved": "Yes", thanks, "Agreed", "I can confirm (that)". */
const BEFORE = String.raw`^\s*(?:(?:yes|great|good\s+news|ok(?:ay)?|agreed|${THANKS}|${NO_FURTHER_ACTION}|(?:i|we)\s+(?:can\s+)?confirm(?:\s+that)?)${P}|${NO_PROBLEM}\s*${MARK}+\s*)*`;
/** What may end a plain acceptance's line: thanks, "no further action needed", and nothing else. */
const AFTER = String.raw`(?:(?:${THANKS}|${NO_FURTHER_ACTION})${P})*$`;
/** What is resolved: "this is now", "it has now been", "the problem", "all". */
const WHAT = String.raw`(?:(?:this|that|it|everything|all|the\s+(?:issue|problem|matter|complaint)|(?:issue|problem|matter|complaint))(?:\s+is|\s+has(?:\s+now)?\s+been|['’]s)?\s+)?`;
const NOW = String.raw`(?:now|fully|completely|entirely)`;
/**
 * "Resolved" said plainly, as schools write it: after "Yes", thanks or "No further action
 * needed", and what is resolved ("this is now", "it's", "the problem"); then "now", "fully",
 * "as far as we are concerned", thanks, or "no further action needed", and nothing else on its
 * line: "Resolved for Mrs Jones only", "Resolved, thanks. Will confirm once the refund comes" and
 * "It was resolved" are not. Or, as plainly, that the school is content for it to close: "We are
 * happy for this complaint to be closed now" (a bare "Please close it" may be a school giving up).
 */
const PLAINLY_RESOLVED = new RegExp(
  [
    String.raw`${BEFORE}(?:`,
    String.raw`${WHAT}(?:${NOW}\s+)*resolved${P}(?:${NOW}\b${P})*(?:as\s+far\s+as\s+(?:we|i)(?:\s+are|\s+am|['’]re|['’]m)\s+concerned${P})?`,
    String.raw`|(?:we|i)(?:\s+are|\s+am|['’]re|['’]m)\s+happy\s+for\s+(?:this|it|the|this\s+complaint|the\s+complaint)\s+to\s+be\s+closed${P}(?:${NOW}\b${P})*`,
    String.raw`)${AFTER}`,
  ].join(''),
  'iu',
);
/**
 * A name straight after thanks, ending the line ("Now resolved, thanks Harry"): signs, and says
 * nothing. Case matters: a name is capitalised, and is none of the words that hold back (see
 * DOUBT); a word after a full stop ("Resolved, thanks. Almost") is a sentence, not a name.
 */
const NAME_AFTER_THANKS =
  /^(.*\b(?:[Tt]hanks|THANKS|[Tt]hank\s+you|THANK\s+YOU|[Cc]heers|[Hh]elp))[,\s]+(\p{Lu}\p{Ll}+)[.!]*\s*$/u;
const withoutNameAfterThanks = (line: string): string => {
  const named = NAME_AFTER_THANKS.exec(line);
  return named && !DOUBT.test(named[2]) && !NOT_A_NAME.has(named[2].toLowerCase())
    ? named[1]
    : line;
};
/** Longer than any plain acceptance's first line: read no further for one (nor spend time on it). */
const LONGEST_PLAIN_ANSWER = 300;
const DOUBT =
  /\?|\b(?:no|not|never|nobody|nothing|isn't|isnt|hasn't|hasnt|wasn't|wasnt|didn't|didnt|haven't|havent|only|but|except|apart|partly|partially|still|however|although|though|yet|mostly|some)\b/i;
/**
 * Words that hold an answer back when said alone ("Resolved, thanks.\nAlmost"), or that no name
 * begins with ("In Part", "Refund Pending"): never taken for a name signing off.
 */
const NOT_A_NAME = new Set([
  ...'almost nearly hopefully allegedly apparently supposedly nope nah lol maybe perhaps'.split(
    ' ',
  ),
  ...'partly mostly sort kind pending outstanding temporarily somewhat arguably in on as'.split(
    ' ',
  ),
  ...'if i for to the a of refund invoice credit note part paper theory wish wrong done'.split(' '),
]);
/**
 * Where the school's words end and its signature starts: a sign-off alone on its line ("Kind
 * regards,", "Thanks!"), a name with a title and nothing else ("Mrs J Smith"), a phone's "Sent
 * from …", "--", or a name alone ("Jane Smith", "Aisha"): capitalised words, none of them one that
 * holds back, a single one not ending a sentence. What a signature says ("I am not in on
 * Fridays") holds nothing back; a line longer than any signature's is words.
 */
const SIGN_OFF =
  /^\s*(?:(?:(?:kind|best|warm|many)\s+)?(?:regards|wishes|thanks)|thank\s+you|cheers|yours(?:\s+(?:sincerely|faithfully|truly))?)[,.!]?\s*$|^\s*(?:sent from\b|--\s*$)/iu;
// Case matters in names: "not really" alone on a line is none, and nor is "Mrs Jones is waiting".
const TITLED_NAME =
  /^\s*(?:[Mm]rs?|[Mm]s|[Mm]iss|[Mm]x|[Dd]r)\.?\s+\p{Lu}[\p{L}'’-]*\.?(?:\s+\p{Lu}[\p{L}'’-]*\.?){0,3}\s*$/u;
// Each word its own, spaces between: no way to split one run of letters in many (backtracking).
const NAME_LINE = /^\s*\p{Lu}[\p{L}'’-]*\.?(?:\s+\p{Lu}[\p{L}'’-]*\.?){0,3}\s*$/u;
const LONGEST_SIGNATURE_LINE = 100;
function isSignature(line: string): boolean {
  if (line.length > LONGEST_SIGNATURE_LINE) return false;
  if (SIGN_OFF.test(line) || TITLED_NAME.test(line)) return true;
  if (!NAME_LINE.test(line) || DOUBT.test(line)) return false;
  const words = line.trim().split(/\s+/);
  if (words.some((word) => NOT_A_NAME.has(word.replace(/[.!]$/, '').toLowerCase()))) return false;
  return words.length > 1 || !/[.!]$/.test(line.trim());
}
/**
 * A postscript's mark: "P.S.", "PS:", "PPS -", or "PS" and words, but not a signature's job title
 * ("PS to the Headteacher").
 */
const POSTSCRIPT =
  /^\s*(?:p\.\s*(?:p\.\s*)?s\b\.?|p{1,2}s\s*[.:\-–—]|p{1,2}s(?=\s)(?!\s+(?:to|for)\b)\s)/i;

/**
 * What the school wrote under its signature in postscripts ("P.S. the refund hasn't come"): each
 * one's own paragraph, not the footer after it (a disclaimer says "do not").
 */
function postscripts(lines: readonly string[]): string[] {
  return lines.flatMap((line, i) => {
    if (!POSTSCRIPT.test(line)) return [];
    const end = lines.findIndex((later, j) => j > i && later.trim() === '');
    return lines.slice(i, end < 0 ? undefined : end);
  });
}

/** A line that only thanks, or says nothing more is needed: "Many thanks for your help". */
const COURTESY_LINE = new RegExp(String.raw`^\s*${P}${AFTER}`, 'iu');

export function resolutionAnswerIn(text: string): ResolutionAnswer | null {
  const lines = text.split(/\r?\n/);
  const start = firstWordsLine(lines);
  if (start < 0) return null;
  const firstLine = lines[start];
  const signed = lines.findIndex((line, i) => i > start && isSignature(line));
  // What the school wrote after its answer, up to its signature: its paragraph, then the rest.
  const after = lines.slice(start + 1, signed < 0 ? undefined : signed);
  const blank = after.findIndex((line) => line.trim() === '');
  const paragraph = blank < 0 ? after : after.slice(0, blank);
  const later = blank < 0 ? [] : after.slice(blank);
  if (NOT_RESOLVED.test([firstLine, ...paragraph].join(' '))) return 'not-resolved';
  if (firstLine.length > LONGEST_PLAIN_ANSWER) return null;
  const said = withoutNameAfterThanks(firstLine);
  if (!PLAINLY_RESOLVED.test(said) || DOUBT.test(said.replace(COURTESY, ''))) return null;
  // Under a plain "resolved", only thanks: anything more in its paragraph may hold it back
  // ("Waiting on the refund", "For now"), and a later paragraph that doubts it does.
  if (!paragraph.every((line) => line.trim() === '' || COURTESY_LINE.test(line))) return null;
  const rest = [...later, ...(signed < 0 ? [] : postscripts(lines.slice(signed + 1)))].join(' ');
  return NOT_RESOLVED.test(rest) || DOUBT.test(rest) ? null : 'resolved';
}

/**
 * A reply the school wrote (by email) on its complaint, read for what it does there: the answer
 * to the service's question while the clock waits for one, if it replies to the question's mail;
 * while a resolution waits for the
 * school, its confirmation when it says plainly "resolved", and otherwise its dispute, the reply
 * its reason: the mail promised to close the complaint only if the council did not hear from the
 * school, and it has ("Could you call me on Monday?", a note that the head is away), so the
 * service takes it back with what the school wrote; in any other state, a message.
 */
export function replyFromSchool(
  command: CommandOf<'ReplyFromSchool'>,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const setAside = disputeReceivedInTime(command, state, context);
  if (setAside) return setAside;
  const complaint = inStatus(state, NOT_CLOSED, 'reply on this complaint');
  actingAs(command.actor, 'reply on this complaint for the school', staffOf(complaint));
  const text = requireText(command.text, 'text');
  const { actor, at } = command;
  // The answer to a question whose window lapsed while the answer waited to be filed.
  const lapsed = lapsedQuestion(complaint);
  const answersTheLapsedQuestion =
    lapsed !== null &&
    command.receivedAt !== undefined &&
    isBefore(command.receivedAt, lapsed.closedAt);
  const askedAt =
    complaint.status === 'awaiting-school'
      ? (complaint.clocks['school-reply']?.timing.anchor ?? null)
      : complaint.status === 'resolution-proposed'
        ? complaint.resolutionProposedAt
        : answersTheLapsedQuestion
          ? lapsed.askedAt
          : null;
  // Written before what it would answer was asked (a chaser that waited to be filed): a message.
  if (command.receivedAt !== undefined && askedAt !== null && isBefore(command.receivedAt, askedAt))
    return message(command, state);
  if (complaint.status === 'awaiting-school' || answersTheLapsedQuestion) {
    // An answer that starts the service's clock again is the school's to give: the service reads
    // a stranger's as a message, and records the information received if it is the school's.
    if (command.unverifiedSender) return message(command, state);
    // So is an email that does not reply to the question, or to the service's message since: a
    // chaser naming the complaint, "Thanks" to the acknowledgement or an answer to an earlier
    // question may be written before the school has seen this one (its mail waits for working
    // hours), and would answer it unasked.
    if (command.answering !== undefined && !repliesToTheAsking(command.answering, askedAt))
      return message(command, state);
    return recordInformationReceived(
      {
        type: 'RecordInformationReceived',
        actor,
        at,
        summary: text,
        ...(command.receivedAt !== undefined ? { receivedAt: command.receivedAt } : {}),
      },
      state,
      context,
      'as-arrived',
    );
  }
  if (complaint.status !== 'resolution-proposed') return message(command, state);
  const answer = resolutionAnswerIn(text);
  // Closing on the word of a sender nobody can vouch for is the worse mistake: a message.
  if (answer === 'resolved' && command.unverifiedSender) return message(command, state);
  if (answer === 'resolved') {
    return [
      ...message(command, state),
      ...confirmResolution({ type: 'ConfirmResolution', actor, at, consent: null }, state),
    ];
  }
  return disputeResolution(
    {
      type: 'DisputeResolution',
      actor,
      at,
      reason: text,
      ...(answer === null ? { unclear: true as const } : {}),
    },
    state,
    context,
  );
}

/** Whether an email replies to the question asked at `askedAt`, or to a message of the service's since. */
const repliesToTheAsking = (
  answering: NonNullable<CommandOf<'ReplyFromSchool'>['answering']>,
  askedAt: string | null,
): boolean =>
  answering !== 'no-mail-of-ours' &&
  answering.mail !== 'other' &&
  (askedAt === null || !isBefore(answering.sentAt, askedAt));

/**
 * A school that answered before its window closed, other than plainly "resolved", did not accept
 * the proposal by silence, though its answer was filed after (it waited in Business Support's
 * matching queue, or the intake read it after midnight): the acceptance is set aside and the
 * answer is the dispute it was, the complaint going back to the service while its deadline
 * stands, or to the Board.
 */
function disputeReceivedInTime(
  command: CommandOf<'ReplyFromSchool'>,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] | null {
  const { receivedAt } = command;
  if (!state.exists || receivedAt === undefined || state.deemedAcceptedAt === null) return null;
  if (state.status !== 'closed' || !isBefore(receivedAt, state.deemedAcceptedAt)) return null;
  // An answer sent before this proposal was made (to an earlier one, or while the service worked)
  // is not the school's answer to it.
  if (state.resolutionProposedAt === null || isBefore(receivedAt, state.resolutionProposedAt))
    return null;
  const by = actingAs(command.actor, 'reply on this complaint for the school', staffOf(state));
  const text = requireText(command.text, 'text');
  const answer = resolutionAnswerIn(text);
  if (answer === 'resolved') return null;
  const at = command.at;
  const setAside: ComplaintEvent = {
    type: 'DeemedAcceptanceSetAside',
    data: { receivedAt, by, at },
  };
  const reopened = evolve(state, setAside) as OpenComplaint;
  return [
    setAside,
    {
      type: 'ResolutionDisputed',
      data: { reason: text, ...(answer === null ? { unclear: true as const } : {}), by, at },
    },
    ...backToTheService(reopened, at, by, context, { unclearAnswer: answer === null }),
  ];
}

/**
 * A message on the complaint. The school's own, while the service waits for its answer to a
 * question or a proposed resolution waits for its answer, is read as its reply by email is: the
 * school wrote back, on its page as by mail, and a service whose clock stood still for an answer
 * it had would gain the days it waited; the proposal said the complaint closes only if the council
 * does not hear from the school, and it has.
 */
export function messageOnTheComplaint(
  command: CommandOf<'SendMessage'>,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  requireNotJustSent(command, state);
  // As sendMessage has it: one of the school's staff writes as the school, whatever else they are.
  const bySchool =
    state.exists &&
    (state.status === 'resolution-proposed' || state.status === 'awaiting-school') &&
    isSchoolStaffOf(command.actor, state.schoolUrn);
  return bySchool
    ? replyFromSchool({ ...command, type: 'ReplyFromSchool' }, state, context)
    : sendMessage(command, state);
}

/** How long the same words from the same person are taken for the same message sent again. */
const REPEAT_WINDOW_MS = 10 * 60_000;

/**
 * The same person's same words, moments after they were written: a form sent again (Back, then
 * Send) would record them twice and mail the school twice. Written again later, they are meant.
 */
function requireNotJustSent(command: CommandOf<'SendMessage'>, state: ComplaintState): void {
  const last = state.exists ? state.lastWords : null;
  if (
    !last ||
    last.by !== command.actor.id ||
    typeof command.text !== 'string' ||
    last.text.trim() !== command.text.trim() ||
    Date.parse(command.at) - Date.parse(last.at) >= REPEAT_WINDOW_MS
  )
    return;
  throw conflict('MESSAGE_ALREADY_SENT', 'This same message was sent moments ago', {
    sentAt: last.at,
  });
}

const message = (command: CommandOf<'ReplyFromSchool'>, state: ComplaintState) =>
  sendMessage(
    {
      type: 'SendMessage',
      actor: command.actor,
      at: command.at,
      messageId: command.messageId,
      text: command.text,
    },
    state,
  );
