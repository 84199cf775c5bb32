import { Inject, Injectable } from '@nestjs/common';
import { PASSWORD_LINK_DAYS, type PasswordInvitations } from '@sg/auth';
import { type Person } from '@sg/directory';
import { PASSWORD_INVITATIONS, SIGN_IN_MAILER } from './auth.tokens';
import { type SignInMailer } from './sign-in-mailer';

/** A link to choose a password, issued and mailed to the person: for the admin API and pages alike. */
@Injectable()
export class PasswordLinkMail {
  constructor(
    @Inject(PASSWORD_INVITATIONS) private readonly invitations: PasswordInvitations,
    @Inject(SIGN_IN_MAILER) private readonly mailer: SignInMailer,
  ) {}

  /**
   * Whom the link went to and until when it works; never the link, which is the person's alone:
   * an administrator holding it could choose the password of anyone they added or changed, a
   * Board member or a finance officer among them, and so give themselves any role.
   */
  async send(person: Person): Promise<{ sentTo: string; expiresAt: string }> {
    const invitation = await this.invitations.issue(person);
    await this.mailer.sendInvitation(person, invitation.link, PASSWORD_LINK_DAYS);
    return { sentTo: person.email, expiresAt: invitation.expiresAt };
  }
}
