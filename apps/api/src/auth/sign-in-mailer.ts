import { type SignInLinkMailer } from '@sg/auth';
import { type MailTransport } from '@sg/mail';
import { randomUUID } from 'node:crypto';

/**
 * Sign-in links go at once, not through the notification outbox, which holds mail until working
 * hours: someone is waiting for this one.
 */
export class SignInMailer implements SignInLinkMailer {
  constructor(
    private readonly transport: MailTransport,
    private readonly from: string,
    private readonly now: () => Date,
  ) {}

  close(): void {
    this.transport.close();
  }

  sendSignInLink(to: { email: string; name: string }, link: string, minutes: number) {
    return this.transport.send({
      messageId: randomUUID(),
      from: this.from,
      to,
      subject: 'Sign in to Service Guarantee',
      text: [
        'Use this link to sign in to Service Guarantee:',
        '',
        link,
        '',
        `The link works once, for the next ${minutes} minutes.`,
        '',
        'If you did not ask to sign in, you can ignore this email. Nobody can sign in without it.',
      ].join('\n'),
      date: this.now(),
    });
  }

  sendInvitation(to: { email: string; name: string }, link: string, days: number) {
    return this.transport.send({
      messageId: randomUUID(),
      from: this.from,
      to,
      subject: 'You have been given an account for Service Guarantee',
      text: [
        `${to.name},`,
        '',
        'An administrator has given you an account for Service Guarantee, the council’s',
        'complaints and service guarantee system. Use this link to choose your password:',
        '',
        link,
        '',
        `The link works once, for the next ${days} days.`,
      ].join('\n'),
      date: this.now(),
    });
  }
}
