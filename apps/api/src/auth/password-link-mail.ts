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

  async send(person: Person): Promise<{ link: string; expiresAt: string }> {
    const invitation = await this.invitations.issue(person);
    await this.mailer.sendInvitation(person, invitation.link, PASSWORD_LINK_DAYS);
    return invitation;
  }
}
