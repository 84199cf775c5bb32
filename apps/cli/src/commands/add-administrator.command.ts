import { issuePasswordLink, openCredentialStore } from '@sg/auth';
import { type EnvironmentVariables, validateEnvironment } from '@sg/config';
import { Directory, PeopleRecords, type Person } from '@sg/directory';
import { createEventStore } from '@sg/event-store';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { type Command } from '../command';
import { CommandRefused } from '../command-refused';
import { commandOptions } from './command-options';
import { UsageError } from '../usage-error';
import { requireDataDir, requireDataDirOwner } from '../stores/existing-data-dir';

const usage =
  'add-administrator --name <name> --email <address> [--sign-in identity-provider|password]\n' +
  '  The first administrator of a new installation (every later person is added through the API).\n' +
  '  With --sign-in password (the default without OIDC_ISSUER_URL) it prints a link, good for 3\n' +
  '  days, to choose a password; the second factor is set up at the first sign-in. The link starts\n' +
  '  with PUBLIC_URL, as the engine has it. Run again for an administrator who has not chosen a\n' +
  '  password yet (the link expired or went astray), it prints a new link.';

const SIGN_IN = ['identity-provider', 'password'] as const;

/** Only an administrator still to choose their password can be given a link from the machine. */
const awaitsPassword = (person: Person) =>
  !person.disabled &&
  person.signIn === 'password' &&
  !person.passwordSet &&
  person.roles.some((grant) => grant.role === 'admin');

function refusalFor(person: Person): CommandRefused {
  const who = `${person.name} (${person.personId})`;
  if (!person.roles.some((grant) => grant.role === 'admin'))
    return new CommandRefused(
      `${who} already has that email address and is not an administrator: an administrator grants roles at /api/admin/people.`,
    );
  if (person.disabled)
    return new CommandRefused(
      `${who} is an administrator whose account is disabled: another administrator enables it.`,
    );
  if (person.signIn !== 'password')
    return new CommandRefused(
      `${who} is already an administrator, and signs in with the identity provider.`,
    );
  return new CommandRefused(
    `${who} is already an administrator and has chosen a password; a forgotten one is reset by another administrator (POST /api/admin/people/${person.personId}/password-link).`,
  );
}

/**
 * The base of the link. Without PUBLIC_URL it is this machine's localhost, which a browser
 * elsewhere cannot open; said outside development, where the engine warns of the same at start-up.
 */
function linkBase(settings: EnvironmentVariables): string {
  if (settings.PUBLIC_URL) return settings.PUBLIC_URL;
  const local = `http://localhost:${settings.PORT}`;
  if (settings.NODE_ENV !== 'development')
    process.stderr.write(
      `PUBLIC_URL is not set here, so the link starts with ${local} and opens only in a browser on this machine. ` +
        'Run the command again with PUBLIC_URL set as the engine has it for a link that works elsewhere.\n',
    );
  return local;
}

/** An installation starts with nobody who may add people: this adds the first, from the machine. */
export const addAdministratorCommand: Command = {
  usage,
  async run(args, { env, stdout }) {
    const options = commandOptions(args, {
      name: { type: 'string' },
      email: { type: 'string' },
      'sign-in': { type: 'string' },
    });
    if (!options.name?.trim()) throw new UsageError('--name is required');
    if (!options.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(options.email))
      throw new UsageError('--email must be an email address');
    const settings = validateEnvironment(env);
    const signIn =
      options['sign-in'] ?? (settings.OIDC_ISSUER_URL ? 'identity-provider' : 'password');
    if (!(SIGN_IN as readonly string[]).includes(signIn))
      throw new UsageError(`--sign-in must be one of ${SIGN_IN.join(', ')}`);
    // A person's way of signing in is fixed when they are added: one with no provider to use
    // would be an administrator nobody can be.
    if (signIn === 'identity-provider' && !settings.OIDC_ISSUER_URL)
      throw new CommandRefused(
        'OIDC_ISSUER_URL is not set here, so nobody can sign in with an identity provider: run the command with the engine’s OIDC settings, or use --sign-in password.',
      );
    // A store or credentials file opened where none is would be made, empty, and the administrator
    // added to nothing: only PostgreSQL keeps both outside DATA_DIR.
    if (settings.EVENT_STORE !== 'postgres') requireDataDir(settings.DATA_DIR);
    requireDataDirOwner(settings.DATA_DIR);
    const store = createEventStore(settings, {
      log: () => undefined,
      warn: (message) => process.stderr.write(`${String(message)}\n`),
    });
    const credentials = openCredentialStore(settings);
    const printLink = async (person: Person) => {
      const invitation = await issuePasswordLink(
        credentials,
        person,
        linkBase(settings),
        new Date(),
      );
      stdout(`Choose a password at ${invitation.link} (until ${invitation.expiresAt})`);
    };
    try {
      const directory = new Directory(store);
      const existing = await directory.personByEmail(options.email);
      if (existing) {
        if (!awaitsPassword(existing)) throw refusalFor(existing);
        stdout(
          `${existing.name} <${existing.email}> is already an administrator (${existing.personId}) and has not chosen a password yet: a new link`,
        );
        await printLink(existing);
        return;
      }
      const people = new PeopleRecords(directory);
      const personId = `person-${randomUUID()}`;
      await people.add(
        {
          personId,
          name: options.name.trim(),
          email: options.email,
          roles: [{ role: 'admin' }],
          signIn: signIn as (typeof SIGN_IN)[number],
        },
        { actor: { id: `cli:${userInfo().username}`, role: 'admin' } },
      );
      stdout(`Added ${options.name.trim()} <${options.email}> as an administrator (${personId})`);
      if (signIn === 'password') await printLink((await directory.person(personId))!);
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'EMAIL_IN_USE')
        throw new CommandRefused('Someone in the directory already has that email address');
      throw error;
    } finally {
      await credentials.close();
      await store.close();
    }
  },
};
