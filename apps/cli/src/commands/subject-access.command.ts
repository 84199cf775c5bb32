import { validateEnvironment } from '@sg/config';
import { type Command } from '../command';
import { commandOptions } from './command-options';
import { subjectAccess } from '../subject-access/subject-access';
import { openStoreToVerify } from '../verify/store-to-verify';
import { UsageError } from '../usage-error';

const usage =
  'subject-access --email <address> [--name <name>]\n' +
  '  For a subject access request: every event holding personal data of the person with this\n' +
  '  address, as JSON (the complaints they were the school’s contact for, whole; elsewhere, each\n' +
  '  event whose personal data holds their address, or their name if given). Others’ data in it\n' +
  '  is for the data protection officer to redact before it is sent. Safe while the engine runs.';

export const subjectAccessCommand: Command = {
  usage,
  async run(args, { env, stdout }) {
    const options = commandOptions(args, {
      email: { type: 'string' },
      name: { type: 'string' },
    });
    if (!options.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(options.email.trim()))
      throw new UsageError('--email must be an email address');
    if (options.name !== undefined && options.name.trim().length < 3)
      throw new UsageError('--name must be at least 3 characters, or left out');
    // A store that is not there is refused, not made empty: an empty one would answer "nothing".
    const target = await openStoreToVerify(validateEnvironment(env));
    try {
      const subject = { email: options.email, name: options.name };
      const events = await subjectAccess(target.store, subject);
      stdout(
        JSON.stringify({
          subject: { email: subject.email.trim(), name: subject.name?.trim() ?? null },
          events,
        }),
      );
    } finally {
      await target.close();
    }
  },
};
