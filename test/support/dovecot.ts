import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const DOVECOT = '/usr/sbin/dovecot';
const DOVEADM = '/usr/bin/doveadm';
const HOST = '127.0.0.1';

/** A throwaway Dovecot IMAP server on loopback with one user and an empty mailbox. */
export interface RunningDovecot {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** An INBOUND_IMAP_URL for the user's mailbox (INBOX unless named). */
  url(mailbox?: string): string;
  /** Ends the user's IMAP sessions from the server side, as a restart or a network fault would. */
  kick(): Promise<void>;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

export interface DovecotOptions {
  /** Leaves MOVE out of the capabilities announced, so a client has to copy and expunge. */
  readonly withoutMove?: boolean;
}

/** Dovecot's post-login capabilities (2.3.19), less MOVE. */
const CAPABILITIES_WITHOUT_MOVE =
  'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES ' +
  'THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN ' +
  'NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH ESORT SEARCHRES ' +
  'WITHIN CONTEXT=SEARCH LIST-STATUS BINARY LITERAL+';

interface SystemAccount {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly group: string;
}

function systemAccount(name: string): SystemAccount | undefined {
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === name);
  if (!entry) return undefined;
  const gid = Number(entry[3]);
  return { name, uid: Number(entry[2]), gid, group: groupName(gid) };
}

function groupName(gid: number): string {
  const entry = readFileSync('/etc/group', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => Number(fields[2]) === gid && fields[0]);
  if (!entry) throw new Error(`group ${gid} is not in /etc/group, which Dovecot needs`);
  return entry[0];
}

/**
 * Who Dovecot's processes run as. Dovecot refuses to give root mail access or to run its login
 * process as root, so as root it uses the unprivileged accounts the dovecot-core package creates
 * (dovecot for the mail and the internal processes, dovenull for logins) and the mail folder is
 * handed to dovecot. As any other user everything runs as that user, with chroot turned off,
 * since only root may chroot.
 */
function accounts(): { internal: SystemAccount; login: SystemAccount; asRoot: boolean } {
  const me = userInfo();
  if (me.uid !== 0) {
    const self = { name: me.username, uid: me.uid, gid: me.gid, group: groupName(me.gid) };
    return { internal: self, login: self, asRoot: false };
  }
  const internal = systemAccount('dovecot');
  const login = systemAccount('dovenull');
  if (!internal || !login) {
    throw new Error(
      'the users dovecot and dovenull are missing: reinstall the Debian package dovecot-imapd',
    );
  }
  return { internal, login, asRoot: true };
}

function configuration(settings: {
  folder: string;
  port: number;
  internal: SystemAccount;
  login: SystemAccount;
  asRoot: boolean;
  withoutMove: boolean;
}): string {
  const { folder, port, internal, login, asRoot, withoutMove } = settings;
  const noChroot = asRoot ? '' : '  chroot =\n';
  return `# Dovecot 2.3 configuration for one test run; thrown away with its folder.
protocols = imap
listen = ${HOST}
base_dir = ${folder}/run
state_dir = ${folder}/state
log_path = ${folder}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${internal.name}
default_internal_group = ${internal.group}
default_login_user = ${login.name}
first_valid_uid = ${internal.uid}
first_valid_gid = ${internal.gid}
mail_uid = ${internal.uid}
mail_gid = ${internal.gid}
mail_location = maildir:${folder}/Maildir
${withoutMove ? `imap_capability = ${CAPABILITIES_WITHOUT_MOVE}\n` : ''}passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${folder}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${folder}/users
}
service imap-login {
${noChroot}  inet_listener imap {
    address = ${HOST}
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
${noChroot}}
`;
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether an IMAP greeting comes from the port. */
function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, HOST);
    socket.setTimeout(2_000);
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString('latin1').startsWith('* OK'));
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function logOf(folder: string): Promise<string> {
  return readFile(join(folder, 'dovecot.log'), 'utf8').catch(() => '(no log)');
}

/** Starts Debian's Dovecot 2.3 on a free loopback port, in a folder of its own. */
export async function startDovecot(options: DovecotOptions = {}): Promise<RunningDovecot> {
  if (!existsSync(DOVECOT)) {
    throw new Error(
      `${DOVECOT} is missing: install the Debian package dovecot-imapd (apt-get install dovecot-imapd)`,
    );
  }
  const version = (await promisify(execFile)(DOVECOT, ['--version'])).stdout.trim();
  if (!version.startsWith('2.3.')) {
    throw new Error(
      `this harness writes Dovecot 2.3 configuration, but Dovecot ${version} is installed`,
    );
  }
  const { internal, login, asRoot } = accounts();
  const folder = await mkdtemp(join(tmpdir(), 'sg-dovecot-'));
  const user = 'complaints';
  const password = randomBytes(12).toString('hex');
  const port = await freeLoopbackPort();
  const config = join(folder, 'dovecot.conf');
  await writeFile(join(folder, 'users'), `${user}:{PLAIN}${password}:::::\n`);
  await writeFile(
    config,
    configuration({ folder, port, internal, login, asRoot, withoutMove: !!options.withoutMove }),
  );
  await mkdir(join(folder, 'Maildir'));
  if (asRoot) {
    // The mail processes run as the dovecot account and must reach the folder and own the mail.
    await chmod(folder, 0o755);
    await chown(join(folder, 'Maildir'), internal.uid, internal.gid);
  }

  const child = spawn(DOVECOT, ['-F', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(killer);
    }
    await rm(folder, { recursive: true, force: true });
  };

  const until = Date.now() + 15_000;
  while (!(await greets(port))) {
    if (child.exitCode !== null || Date.now() > until) {
      const log = await logOf(folder);
      await stop();
      throw new Error(`Dovecot did not start on ${HOST}:${port}:\n${output}\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    host: HOST,
    port,
    user,
    password,
    url: (mailbox = 'INBOX') =>
      `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${HOST}:${port}/${mailbox
        .split('/')
        .map(encodeURIComponent)
        .join('/')}`,
    kick: async () => {
      await promisify(execFile)(DOVEADM, ['-c', config, 'kick', user]);
      // kick signals the sessions and returns; a busy machine may let one answer a command more
      // before it ends, so wait until the server lists none.
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const { stdout } = await promisify(execFile)(DOVEADM, ['-c', config, 'who', user]);
        if (!stdout.includes(user)) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`Dovecot still lists sessions of ${user} 10 s after kicking them`);
    },
    stop,
  };
}
