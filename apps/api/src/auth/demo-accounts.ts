import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type CredentialStore,
  DEMO_PASSWORD,
  DEMO_TOTP_SECRET,
  hashPassword,
  needsSecondFactor,
} from '@sg/auth';
import { type Clock } from '@sg/complaint-service';
import { type DemoPerson, PeopleRecords } from '@sg/directory';
import { CREDENTIALS, SECURITY_CLOCK } from './auth.tokens';

const context = { actor: { id: 'demo-county', role: 'system' } };

/**
 * Lets the demo county's people sign in for real: council staff with the demo password (and the
 * demo authenticator secret where a second factor is needed), school staff by a link to their
 * school's address, which embedded mode writes to DATA_DIR/outbox.
 */
@Injectable()
export class DemoAccounts {
  private readonly logger = new Logger('DemoData');

  constructor(
    @Inject(CREDENTIALS) private readonly credentials: CredentialStore,
    private readonly people: PeopleRecords,
    @Inject(SECURITY_CLOCK) private readonly clock: Clock,
  ) {}

  async open(people: readonly DemoPerson[]): Promise<void> {
    const hash = await hashPassword(DEMO_PASSWORD);
    const staff = people.filter(
      (person) => !person.roles.some((grant) => grant.role === 'school-staff'),
    );
    for (const person of staff) {
      await this.credentials.setPasswordHash(person.personId, hash, this.clock.now());
      await this.people.passwordSet(person.personId, context);
      if (needsSecondFactor(person.roles)) {
        await this.credentials.enrolSecondFactor(person.personId, DEMO_TOTP_SECRET);
        await this.people.secondFactorEnrolled(person.personId, context);
      }
    }
    this.logger.log(
      `demo accounts: ${staff.length} council staff sign in with a password, schools by email link; npm run -s cli -- demo-accounts lists them`,
    );
  }
}
