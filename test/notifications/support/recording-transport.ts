import { type Actor } from '@sg/complaints';
import { type MailTransport, type OutgoingMail } from '@sg/mail';

/** Brookside's head, Business Support's Sam, and Hal who manages Schools HR, as the tests act. */
export const SUPPORT: Actor = {
  id: 'p-support',
  name: 'Sam',
  roles: [{ role: 'business-support' }],
};
export const HEAD: Actor = {
  id: 'p-head',
  name: 'Jane Head',
  roles: [{ role: 'school-staff', schoolUrn: '119300' }],
};
export const MANAGER: Actor = {
  id: 'p-manager',
  name: 'Hal',
  roles: [{ role: 'service-manager', serviceIds: ['schools-hr'] }],
};

/** Takes mail, or refuses it while `down`, as an SMTP server that is down would. */
export class RecordingTransport implements MailTransport {
  readonly sent: OutgoingMail[] = [];
  constructor(public down = false) {}
  send(mail: OutgoingMail): Promise<void> {
    if (this.down) return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:25'));
    this.sent.push(mail);
    return Promise.resolve();
  }
  close(): void {}
}
