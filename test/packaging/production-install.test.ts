import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtEntry, type Exit, repositoryRoot } from '../support/run-built';
import { runNpmScript, startNpmScript } from './npm-script-process';
import { copyRuntimeContents } from './runtime-contents';

/** The lockfile's packages that only development needs, by their folder under node_modules. */
function developmentOnlyPackages(folder: string): string[] {
  const lock = JSON.parse(readFileSync(join(folder, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && entry.dev === true)
    .map(([path]) => path);
}

// Slow: the install compiles better-sqlite3 from source, as the image's install stage does.
describe('the production install, from the runtime contents alone', () => {
  let folder: string;
  let installOutput = '';

  beforeAll(async () => {
    builtEntry('api'); // the compiled apps come from this checkout's `npm run build`
    folder = mkdtempSync(join(tmpdir(), 'sg-production-install-'));
    copyRuntimeContents(repositoryRoot, folder);
    const install = await runNpmScript(folder, 'install:production', 14 * 60_000);
    installOutput = install.output;
    if (install.exit.code !== 0)
      throw new Error(
        `npm run install:production ended with ${install.exit.code ?? install.exit.signal}:\n` +
          install.output,
      );
  }, 15 * 60_000);

  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('installs no package that only development needs', () => {
    const developmentOnly = developmentOnlyPackages(folder);
    expect(developmentOnly).toEqual(
      expect.arrayContaining([
        'node_modules/typescript',
        'node_modules/jest',
        'node_modules/ts-jest',
      ]),
    );
    expect(developmentOnly.filter((path) => existsSync(join(folder, path)))).toEqual([]);
  });

  it('compiles better-sqlite3, the one native module it builds, for this Node', () => {
    expect(
      existsSync(join(folder, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')),
    ).toBe(true);
    // Compiled here (node-gyp leaves its objects), not a prebuilt binary fetched from GitHub.
    expect(existsSync(join(folder, 'node_modules/better-sqlite3/build/Release/obj.target'))).toBe(
      true,
    );
    // Asked in a way npm will keep passing on (it warns of options it does not know).
    expect(installOutput).not.toMatch(/Unknown (cli|env|project) config/);
  });

  it('serves /health and the pages from npm run start:prod in production, and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sg-production-data-'));
    const api = await startNpmScript(
      folder,
      'start:prod',
      { PORT: '0', LISTEN_ADDRESS: '127.0.0.1', DATA_DIR: dataDir },
      // Production logs JSON lines by default: the URL ends at the closing quote.
      /listening on (http:\/\/[^\s"]+)/,
      60_000,
    );
    let exit: Exit | undefined;
    try {
      const health = await fetch(`${api.url}/health`);
      expect(health.status).toBe(200);
      // Production tells an anonymous caller the status alone: NODE_ENV defaulted to production.
      expect(await health.json()).toEqual({ status: 'ok' });

      const signIn = await fetch(`${api.url}/sign-in`);
      expect(signIn.status).toBe(200);
      expect(await signIn.text()).toMatch(/<title>Sign in – Service Guarantee/);
      const styles = await fetch(`${api.url}/assets/govuk-frontend.min.css`);
      expect(styles.status).toBe(200);
      expect(styles.headers.get('content-type')).toMatch(/^text\/css/);
      // A font or image that is not there is a 404, and logs nothing at error level (checked
      // below): it was a 500, as the app in this process is not, with two error lines a guess.
      for (const missing of ['/assets/fonts/nothing.woff2', '/assets/images/nothing.png'])
        expect((await fetch(`${api.url}${missing}`)).status).toBe(404);
    } finally {
      exit = await api.stop('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    }
    // Nest closes the application, then lets the signal end the process; npm ends the same way.
    expect(exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(api.output()).toContain('worker stopped on SIGTERM');
    expect(api.output()).not.toMatch(/"level":"(error|fatal)"|\b(ERROR|FATAL)\b/);
  }, 120_000);

  it('starts the worker alone with npm run start:prod:worker, and stops it on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sg-production-worker-'));
    const worker = await startNpmScript(
      folder,
      'start:prod:worker',
      { DATA_DIR: dataDir },
      /worker process ready()/,
      60_000,
    );
    const exit = await worker.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    expect(exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(worker.output()).toContain('worker stopped on SIGTERM');
  }, 90_000);
});
