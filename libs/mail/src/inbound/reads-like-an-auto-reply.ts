import { firstWordsLine } from '@sg/complaints';

/**
 * What a responder writes when its mail system adds no header and no "Automatic reply:" subject
 * (a school's own server, a web-mail vacation setting, a helpdesk): "I am out of the office
 * until…", "I'm on annual leave", "This mailbox is not monitored", "The school is now closed for
 * the holidays", "Your request has been received". Said as its first words,
 * after any greeting or thanks: "Not resolved. I am on leave from Friday, so ring the deputy" is a
 * person's answer.
 */
const RESPONDER_OPENING = new RegExp(
  String.raw`^(?:(?:thank you|thanks) for your (?:e-?mail|message)[.!,]?\s*)?(?:` +
    [
      String.raw`(?:i am|i['’]m|i will be)\s+(?:currently\s+|now\s+)?(?:out of (?:the )?office|away from (?:the |my )?(?:office|desk|school)|on (?:annual |maternity |paternity |sick |study )?leave|(?:away|out|off) (?:until|till)\b|not in (?:school|the office|work) (?:until|till)\b)`,
      String.raw`this (?:mailbox|inbox|e-?mail address) is (?:not|no longer) (?:monitored|in use|checked)`,
      String.raw`this is an? (?:automated|automatic) (?:reply|response|message)`,
      // The school itself away: "The school is now closed for the Christmas holidays".
      String.raw`(?:the |our )?(?:school(?: office)?|office) (?:is|will be) (?:now |currently )?closed (?:for|until|till|over|from)\b`,
      // A helpdesk's receipt: "Your request has been received and a ticket has been created".
      String.raw`your (?:request|enquiry|query|e-?mail|message) (?:has been|was) (?:received|logged)`,
      String.raw`an? (?:support |new )?(?:ticket|case|request) (?:has been|was) (?:created|opened|logged|raised)`,
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
