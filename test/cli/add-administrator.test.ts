import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuilt } from '../support/run-built';

const LINK = /^Choose a password at (\S+) \(until /m;

describe('cli add-administrator', () => {
  let dataDir: string;
  const cli = (env: NodeJS.ProcessEnv, ...args: string[]) =>
    runBuilt('cli', ['add-administrator', ...args], {
      DATA_DIR: dataDir,
      EVENT_STORE: 'sqlite',
      OIDC_ISSUER_URL: undefined,
      PUBLIC_URL: undefined,
      ...env,
    });
  const ada = ['--name', 'Ada Admin', '--email', 'ada.admin@council.example'];
  const OIDC = {
    OIDC_ISSUER_URL: 'https://login.council.example',
    OIDC_CLIENT_ID: 'service-guarantee',
    OIDC_CLIENT_SECRET: 'x'.repeat(32),
  };

  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'sg-add-administrator-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('warns, outside development, that a link without PUBLIC_URL opens only on this machine', () => {
    const added = cli({ NODE_ENV: 'production' }, ...ada);
    expect(added.status).toBe(0);
    expect(LINK.exec(added.stdout)?.[1]).toMatch(/^http:\/\/localhost:3000\/auth\/password\//);
    expect(added.stderr).toContain(
      'PUBLIC_URL is not set here, so the link starts with http://localhost:3000 and opens only in a browser on this machine.',
    );
  });

  it('gives an administrator who has not chosen a password a new link when run again', () => {
    const first = cli(
      { NODE_ENV: 'production', PUBLIC_URL: 'https://complaints.county.example' },
      ...ada,
    );
    expect(first).toMatchObject({ status: 0, stderr: '' });
    const again = cli(
      { NODE_ENV: 'production', PUBLIC_URL: 'https://complaints.county.example' },
      '--name',
      'Ada Admin',
      '--email',
      'Ada.Admin@council.example',
    );
    expect(again).toMatchObject({ status: 0, stderr: '' });
    expect(again.stdout).toMatch(
      /^Ada Admin <ada\.admin@council\.example> is already an administrator \(person-[0-9a-f-]+\) and has not chosen a password yet: a new link$/m,
    );
    const link = LINK.exec(again.stdout)?.[1];
    expect(link).toMatch(/^https:\/\/complaints\.county\.example\/auth\/password\//);
    expect(link).not.toBe(LINK.exec(first.stdout)?.[1]);
  });

  it('refuses, without the usage, an address of an administrator who has no password to choose', () => {
    expect(cli(OIDC, ...ada, '--sign-in', 'identity-provider').status).toBe(0);
    const again = cli({}, ...ada);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(
      /^Ada Admin \(person-[0-9a-f-]+\) is already an administrator, and signs in with the identity provider\.\n$/,
    );
  });

  it('refuses an administrator who would sign in with an identity provider where none is set', () => {
    const refused = cli({}, ...ada, '--sign-in', 'identity-provider');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('OIDC_ISSUER_URL is not set here');
    expect(cli({}, ...ada).stdout).toMatch(/^Added Ada Admin/m);
  });

  it('refuses a DATA_DIR that is not there, rather than make an empty store nobody uses', () => {
    const typo = join(dataDir, 'no-such-folder');
    const refused = cli({ DATA_DIR: typo }, ...ada);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`DATA_DIR ${typo} does not exist`);
    expect(existsSync(typo)).toBe(false);
  });
});
