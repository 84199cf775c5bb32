import { firstWordsLine } from '@sg/complaints';

/**
 * What a responder writes when its mail system adds no header and no "Automatic reply:" subject
 * (a school's own server, a web-mail vacation setting): "I am out of the office until…", "I'm on
 * annual leave", "This mailbox is not monitored". Said in the first person, as its first words,
 * after any greeting or thanks: "Not resolved. I am on leave from Friday, so ring the deputy" is a
 * person's answer.
 */
const RESPONDER_OPENING = new RegExp(
  String.raw`^(?:(?:thank you|thanks) for your (?:e-?mail|message)[.!,]?\s*)?(?:` +
    [
      String.raw`(?:i am|i['’]m|i will be)\s+(?:currently\s+|now\s+)?(?:out of (?:the )?office|away from (?:the |my )?(?:office|desk|school)|on (?:annual |maternity |paternity |sick |study )?leave|(?:away|out|off) (?:until|till)\b|not in (?:school|the office|work) (?:until|till)\b)`,
      String.raw`this (?:mailbox|inbox|e-?mail address) is (?:not|no longer) (?:monitored|in use|checked)`,
      String.raw`this is an? (?:automated|automatic) (?:reply|response|message)`,
    ].join('|') +
    ')',
  'iu',
);

/**
 * Whether a message's text opens the way an out-of-office reply does. It is not proof: a person
 * may start "I'm away until Monday, but here is the answer". So it is not set aside as a machine's;
 * it waits for Business Support, who can file it as the school's answer if it is one.
 */
export function readsLikeAnAutoReply(text: string): boolean {
  const lines = text.split(/\r?\n/);
  const first = firstWordsLine(lines);
  return first >= 0 && RESPONDER_OPENING.test(lines.slice(first).join(' ').trimStart());
}
