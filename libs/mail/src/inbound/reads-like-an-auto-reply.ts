/** How much of a body's start is read: a responder says what it is in its first sentences. */
const OPENING = 400;

/**
 * What a responder writes when its mail system adds no header and no "Automatic reply:" subject
 * (a school's own server, a web-mail vacation setting): "I am out of the office until…", "I'm on
 * annual leave", "This mailbox is not monitored". Said in the first person, at the start.
 */
const RESPONDER_OPENING = new RegExp(
  [
    String.raw`\b(?:i am|i['’]m|i will be)\s+(?:currently\s+|now\s+)?(?:out of (?:the )?office|away from (?:the |my )?(?:office|desk|school)|on (?:annual |maternity |paternity |sick |study )?leave|(?:away|out|off) (?:until|till)\b|not in (?:school|the office|work) (?:until|till)\b)`,
    String.raw`\bthis (?:mailbox|inbox|e-?mail address) is (?:not|no longer) (?:monitored|in use|checked)`,
    String.raw`\bthis is an? (?:automated|automatic) (?:reply|response|message)`,
  ].join('|'),
  'iu',
);

/**
 * Whether a message's text opens the way an out-of-office reply does. It is not proof: a person
 * may start "I'm away until Monday, but here is the answer". So it is not set aside as a machine's;
 * it waits for Business Support, who can file it as the school's answer if it is one.
 */
export function readsLikeAnAutoReply(text: string): boolean {
  return RESPONDER_OPENING.test(text.trimStart().slice(0, OPENING));
}
