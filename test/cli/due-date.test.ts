import { spawnSync } from 'node:child_process';
import { repositoryRoot, runBuilt } from '../support/run-built';

const dueDate = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runBuilt('cli', ['due-date', ...args], env);

describe('cli due-date', () => {
  it('prints exactly one line of JSON for the design example', () => {
    const result = dueDate(['--from', '2025-04-17T10:00:00+01:00']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      '{"from":"2025-04-17T09:00:00.000Z","workingDays":10,"dueDate":"2025-05-06","deadline":"2025-05-06T23:00:00.000Z"}\n',
    );
  });

  it('answers the same through the README’s npm script', () => {
    const result = spawnSync(
      'npm',
      ['run', '-s', 'cli', '--', 'due-date', '--from', '2025-04-17T10:00:00+01:00'],
      { cwd: repositoryRoot, encoding: 'utf8' },
    );
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      dueDate: '2025-05-06',
      deadline: '2025-05-06T23:00:00.000Z',
    });
  });

  it('takes --working-days, in either spelling', () => {
    expect(
      JSON.parse(dueDate(['--from', '2025-04-17T10:00:00Z', '--working-days', '1']).stdout),
    ).toEqual({
      from: '2025-04-17T10:00:00.000Z',
      workingDays: 1,
      dueDate: '2025-04-22',
      deadline: '2025-04-22T23:00:00.000Z',
    });
    expect(
      JSON.parse(dueDate(['--from=2025-04-17T10:00:00Z', '--working-days=0']).stdout),
    ).toMatchObject({
      workingDays: 0,
      dueDate: '2025-04-17',
    });
  });

  it('takes council closure days from COUNCIL_CLOSURE_DAYS', () => {
    const result = dueDate(['--from', '2026-12-23T15:00:00Z'], {
      COUNCIL_CLOSURE_DAYS: '2026-12-29..2026-12-31',
    });
    expect(JSON.parse(result.stdout)).toMatchObject({ dueDate: '2027-01-14' });
  });

  it.each([
    [['--from', '2025-04-17T10:00:00'], /--from: "2025-04-17T10:00:00" is not an ISO-8601 instant/],
    [['--from', 'tomorrow'], /--from: "tomorrow" is not an ISO-8601 instant/],
    [['--from', '2025-02-30T10:00:00Z'], /--from: "2025-02-30T10:00:00Z"/],
    [['--working-days', '3'], /--from is required/],
    [
      ['--from', '2025-04-17T10:00:00Z', '--working-days', '1.5'],
      /--working-days must be a whole number/,
    ],
    [
      ['--from', '2025-04-17T10:00:00Z', '--working-days=-3'],
      /--working-days must be a whole number/,
    ],
    [
      ['--from', '2025-04-17T10:00:00Z', '--working-days', '-3'],
      /--working-days must be a whole number, 0 or more \(got "-3"\)/,
    ],
    [
      ['--from', '2025-04-17T10:00:00+25:00'],
      /--from: "2025-04-17T10:00:00\+25:00" is not an ISO-8601 instant/,
    ],
    [
      ['--from', '2025-04-17T10:00:00Z', '--from', '2025-04-18T10:00:00Z'],
      /--from is given 2 times/,
    ],
    [
      ['--from', '2025-04-17T10:00:00Z', '--working-days', '1', '--working-days', '2'],
      /--working-days is given 2 times/,
    ],
    [
      ['--from', '2025-04-17T10:00:00Z', '--working-days', 'ten'],
      /--working-days must be a whole number/,
    ],
    [['--from', '2025-04-17T10:00:00Z', '--days', '3'], /Unknown option '--days'/],
    [['--from', '2025-04-17T10:00:00Z', 'extra'], /positional argument/],
    [['--from', '2100-12-30T10:00:00Z'], /outside the working-day calendar/],
  ])('refuses %j with a clear message and exit status 2', (args, message) => {
    const result = dueDate(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Usage: due-date');
  });

  it('refuses bad closure days from the environment, naming the variable', () => {
    const result = dueDate(['--from', '2025-04-17T10:00:00Z'], {
      COUNCIL_CLOSURE_DAYS: '2026-13-01',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/COUNCIL_CLOSURE_DAYS: "2026-13-01" is not a closure day/);
  });

  it('refuses an unknown command with status 2 and lists the commands', () => {
    const result = runBuilt('cli', ['due-dates']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Unknown command "due-dates"/);
    expect(result.stderr).toMatch(/due-date --from/);
  });

  it('prints help with status 0 when asked, for the CLI and for the command', () => {
    expect(runBuilt('cli', ['--help'])).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/due-date/),
    });
    expect(dueDate(['--help'])).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^Usage: due-date/),
    });
    // Every command, without touching a store or needing its own options.
    for (const name of ['backup', 'restore', 'import-schools', 'verify', 'demo-accounts'])
      expect(runBuilt('cli', [name, '--help'], { DATA_DIR: '/nonexistent' })).toMatchObject({
        status: 0,
        stdout: expect.stringMatching(new RegExp(`^Usage: ${name}`)),
        stderr: '',
      });
  });

  it('prints usage on stderr with status 2 when called with nothing', () => {
    expect(runBuilt('cli', [])).toMatchObject({
      status: 2,
      stdout: '',
      stderr: expect.stringMatching(/Commands:/),
    });
  });

  it('refuses closure days outside the calendar, naming the variable', () => {
    const result = dueDate(['--from', '2025-04-17T10:00:00Z'], {
      COUNCIL_CLOSURE_DAYS: '2101-01-01',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /COUNCIL_CLOSURE_DAYS: "2101-01-01" is not a closure day: outside the working-day calendar/,
    );
  });
});
