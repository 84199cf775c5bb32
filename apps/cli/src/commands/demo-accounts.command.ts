import { DEMO_PASSWORD, DEMO_TOTP_SECRET, needsSecondFactor, totpCode } from '@sg/auth';
import { type RoleGrant } from '@sg/complaints';
import { demoCounty } from '@sg/directory';
import { type Command } from '../command';
import { UsageError } from '../usage-error';

const describe = (grant: RoleGrant) => {
  switch (grant.role) {
    case 'service-manager':
      return `service manager (${grant.serviceIds.join(', ')})`;
    case 'board-member':
      return grant.chair ? 'Board chair' : 'Board member';
    case 'school-staff':
      return `school staff (${grant.schoolUrn})`;
    default:
      return grant.role;
  }
};

/** Who to sign in as in the demo county, and the code an authenticator app would show now. */
export const demoAccountsCommand: Command = {
  usage:
    'demo-accounts\n' +
    '  The demo county’s accounts (npm start loads them into an empty store): council staff sign in\n' +
    '  at /api/auth/sign-in with the password shown, the Board, finance and administrators then give\n' +
    '  the code shown; school staff ask for a link at /api/auth/email-link, written to DATA_DIR/outbox.',
  run(args, { stdout }) {
    if (args.length > 0)
      throw new UsageError(`demo-accounts takes no arguments (got ${args.join(' ')})`);
    const code = totpCode(DEMO_TOTP_SECRET, new Date());
    const people = demoCounty().people;
    stdout(
      'The demo county’s accounts: they exist only in a store it was loaded into (DEMO_DATA, never in production).',
    );
    stdout(`Password for council staff: ${DEMO_PASSWORD}`);
    stdout(
      `Authenticator secret: ${DEMO_TOTP_SECRET} (the code now: ${code}, good for up to 30 seconds)`,
    );
    stdout('');
    for (const person of people.filter((p) => !p.roles.some((g) => g.role === 'school-staff'))) {
      const second = needsSecondFactor(person.roles) ? '  + code' : '';
      stdout(`${person.email.padEnd(38)} ${person.roles.map(describe).join(', ')}${second}`);
    }
    stdout('');
    stdout('School staff (sign in by email link):');
    for (const person of people
      .filter((p) => p.roles.some((g) => g.role === 'school-staff'))
      .slice(0, 5))
      stdout(`${person.email.padEnd(38)} ${person.roles.map(describe).join(', ')}`);
    stdout(`… and ${people.length} people in all`);
  },
};
