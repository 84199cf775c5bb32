import { issuePasswordLink, openCredentialStore } from '@sg/auth';
import { validateEnvironment } from '@sg/config';
import { Directory, PeopleRecords } from '@sg/directory';
import { createEventStore } from '@sg/event-store';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { type Command } from '../command';
import { commandOptions } from './command-options';
import { UsageError } from '../usage-error';

const usage =
  'add-administrator --name <name> --email <address> [--sign-in identity-provider|password]\n' +
  '  The first administrator of a new installation (every later person is added through the API).\n' +
  '  With --sign-in password (the default without OIDC_ISSUER_URL) it prints a link, good for 3\n' +
  '  days, to choose a password; the second factor is set up at the first sign-in.';

const SIGN_IN = ['identity-provider', 'password'] as const;

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
    const store = createEventStore(settings, {
      log: () => undefined,
      warn: (message) => process.stderr.write(`${String(message)}\n`),
    });
    const credentials = openCredentialStore(settings);
    try {
      const directory = new Directory(store);
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
      if (signIn === 'password') {
        const publicUrl = settings.PUBLIC_URL ?? `http://localhost:${settings.PORT}`;
        const invitation = await issuePasswordLink(
          credentials,
          (await directory.person(personId))!,
          publicUrl,
          new Date(),
        );
        stdout(`Choose a password at ${invitation.link} (until ${invitation.expiresAt})`);
      }
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'EMAIL_IN_USE')
        throw new UsageError('Someone in the directory already has that email address');
      throw error;
    } finally {
      await credentials.close();
      await store.close();
    }
  },
};
