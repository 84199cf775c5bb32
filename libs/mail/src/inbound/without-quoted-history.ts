/**
 * Where the history a mail client quotes below a reply begins: Outlook's "-----Original
 * Message-----" and its "From: … Sent: …" block, a phone's "Sent from my …", an "On … wrote:"
 * attribution (over one line or two, as Gmail wraps it) with nothing but quotation after it, or a
 * run of "> " lines to the end. Only what the school wrote this time becomes the message; the raw
 * mail keeps the rest. An attribution followed by the person's own words between the quotes
 * (an inline reply) cuts nothing.
 */
const OUTLOOK_STARTS = [
  /^\s*-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^\s*_{10,}\s*$/,
  // The signature alone on its line: "Sent from my office: the hearing is on 15 January" is not one.
  /^\s*Sent from (?:my [\w -]{1,30}|Outlook(?: for \w+)?|Mail for Windows(?: \d+)?|Yahoo Mail(?: on \w+)?)[.!]?\s*$/i,
];
const ATTRIBUTION_START = /^\s*On\b/i;
const ATTRIBUTION_END = /\bwrote:\s*$/i;

/** "Fwd:", and Outlook's "FW:". */
const FORWARD_SUBJECT = /^\s*fwd?\s*:/i;

/**
 * A forwarded message's "history" is what the school sends on: the complaint itself, often, under
 * a line of their own. Nothing of it is cut.
 */
export const isForwarded = (subject: string, text: string): boolean =>
  // The subject, or Gmail's rule or Apple Mail's opening line in the text.
  FORWARD_SUBJECT.test(subject) ||
  /^\s*-{5,}\s*Forwarded message\s*-{5,}\s*$/im.test(text) ||
  /^\s*Begin forwarded message:\s*$/im.test(text);

const isQuoted = (line: string) => /^\s*>/.test(line);
/** A line drawn across, or blank. */
const RULE = /^\s*(?:[-_=*]{3,}\s*)?$/;

/**
 * For each line, whether it and every line after it are quotation or blank: worked out once from
 * the end, so a message of many thousand quoted lines costs one pass, not one pass per line.
 */
function quotedToTheEnd(lines: readonly string[]): boolean[] {
  const from = new Array<boolean>(lines.length + 1);
  from[lines.length] = true;
  for (let i = lines.length - 1; i >= 0; i -= 1)
    from[i] = from[i + 1] && (isQuoted(lines[i]) || lines[i].trim() === '');
  return from;
}

/** For each line, the index of the first blank line after it, or -1: also worked out once. */
function nextBlankLines(lines: readonly string[]): number[] {
  const next = new Array<number>(lines.length);
  let blank = -1;
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    next[i] = blank;
    if (lines[i].trim() === '') blank = i;
  }
  return next;
}

/**
 * A mail client's line (or two) introducing what it quotes: "On Mon, 7 Dec 2026 at 09:40, Service
 * Guarantee <complaints@…> wrote:", with a date or an address in it, as no sentence of a school's
 * own ("On Tuesday, however, Mr Patel wrote:") has both its shape and its length.
 */
function clientAttributionEnds(lines: readonly string[], i: number): number {
  if (!ATTRIBUTION_START.test(lines[i])) return -1;
  const ends = ATTRIBUTION_END.test(lines[i]) ? i : i + 1;
  if (ends >= lines.length || !ATTRIBUTION_END.test(lines[ends])) return -1;
  const said = lines.slice(i, ends + 1).join(' ');
  return said.length <= 250 && /\d|@/.test(said) ? ends : -1;
}

/**
 * The lines of a reply to our own mail without what it quotes of it, wherever the quotation sits:
 * from the mail client's "On … wrote:" line, that line and every "> " line after it (answers
 * written between them are kept). A school answering below the quote ("Resolved, thank you."
 * under our "reply with "not resolved" and why") has its answer read, not our instructions;
 * what the school quotes above that line (a parent's words) stays its own.
 */
function withoutQuotation(lines: readonly string[]): string[] {
  const from = lines.findIndex((_, i) => {
    const ends = clientAttributionEnds(lines, i);
    const next = ends < 0 ? undefined : lines.slice(ends + 1).find((line) => line.trim() !== '');
    return next !== undefined && isQuoted(next);
  });
  if (from < 0) return [...lines];
  const ends = clientAttributionEnds(lines, from);
  return [...lines.slice(0, from), ...lines.slice(ends + 1).filter((line) => !isQuoted(line))];
}

/**
 * `quotesOurs`: the mail replies in a thread of the engine's own mail, so what it quotes is the
 * engine's words, never the sender's, wherever it quotes them: one that is all quotation then
 * says nothing of its own.
 */
export function withoutQuotedHistory(text: string, { quotesOurs = false } = {}): string {
  const lines = quotesOurs ? withoutQuotation(text.split('\n')) : text.split('\n');
  const onlyQuotesFrom = quotedToTheEnd(lines);
  const blankAfter = nextBlankLines(lines);
  let end = lines.length;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    // A header block as clients quote one: From, then its date and its subject. A school's own
    // "From: Mr Thomas … Sent: to the governors" lines have no subject among them.
    // To the block's end: a long Cc line, wrapped, can push Subject far below From.
    const blank = blankAfter[i];
    const below = lines.slice(i + 1, blank < 0 ? i + 12 : Math.min(blank, i + 12));
    const outlookHeader =
      /^\s*From:\s/i.test(line) &&
      below.some((next) => /^\s*(Sent|Date):\s/i.test(next)) &&
      below.some((next) => /^\s*Subject:/i.test(next));
    let attributionEnds = -1;
    if (ATTRIBUTION_START.test(line)) {
      if (ATTRIBUTION_END.test(line)) attributionEnds = i;
      else if (
        i + 1 < lines.length &&
        ATTRIBUTION_END.test(lines[i + 1]) &&
        `${line} ${lines[i + 1]}`.length <= 250
      )
        attributionEnds = i + 1;
    }
    const attribution = attributionEnds >= 0 && onlyQuotesFrom[attributionEnds + 1];
    if (outlookHeader || attribution || OUTLOOK_STARTS.some((start) => start.test(line))) {
      end = i;
      break;
    }
    if (isQuoted(line) && onlyQuotesFrom[i]) {
      end = i;
      break;
    }
  }
  // The rule a client draws above the history it quotes (Outlook's <hr>) goes with it.
  while (end < lines.length && end > 0 && RULE.test(lines[end - 1])) end -= 1;
  const kept = lines.slice(0, end).join('\n').trim();
  // A reply that is all quotation (someone passing on another's mail without a word) keeps its
  // text; a reply to our own mail with no words of its own (a blank reply, or its answer in the
  // subject alone) does not take our proposal's instructions for its answer.
  return kept === '' && !quotesOurs ? text.trim() : kept;
}
