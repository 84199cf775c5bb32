import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RecordedEvent, SqliteEventStore } from '@sg/event-store';
import { repositoryRoot, runBuilt } from '../support/run-built';

const fixture = (name: string) => join(repositoryRoot, 'test/fixtures', name);

describe('cli import-schools and import-contracts', () => {
  let dataDir: string;
  const cli = (...args: string[]) =>
    runBuilt('cli', args, { DATA_DIR: dataDir, EVENT_STORE: 'sqlite' });

  async function stored(type: string): Promise<RecordedEvent[]> {
    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll()) if (event.type === type) events.push(event);
    await store.close();
    return events;
  }

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sg-import-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports schools from a GIAS extract, ignoring unknown columns and closed schools, and again changes nothing', async () => {
    const first = cli('import-schools', '--file', fixture('gias-schools-sample.csv'));
    expect(first).toMatchObject({ status: 0, stderr: '' });
    expect(JSON.parse(first.stdout)).toEqual({ added: 6, changed: 0, unchanged: 0 });
    const schools = (await stored('SchoolRegistered')).map(
      (e) => e.data as Record<string, unknown>,
    );
    expect(schools.find((s) => s.urn === '119301')).toMatchObject({
      name: "St Mary's Catholic Primary School, Chorley",
      phase: 'primary',
      type: 'Voluntary aided school',
      inCounty: true,
      pupils: 188,
      domains: ['stmarys-chorley.lancs.sch.uk'],
    });
    expect(schools.find((s) => s.urn === '119303')).toMatchObject({ phase: 'special' });
    expect(schools.find((s) => s.urn === '119305')).toMatchObject({
      inCounty: false,
      localAuthority: 'Blackburn with Darwen',
    });
    expect(schools.find((s) => s.urn === '119306')).toBeUndefined();

    expect(
      JSON.parse(cli('import-schools', '--file', fixture('gias-schools-sample.csv')).stdout),
    ).toEqual({
      added: 0,
      changed: 0,
      unchanged: 6,
    });
  });

  it('refuses a file with bad rows, naming each line, and imports nothing', async () => {
    const result = cli('import-schools', '--file', fixture('gias-schools-bad.csv'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Nothing was imported: 3 problems in the schools file/);
    expect(result.stderr).toMatch(/line 3: URN "1194" is not six digits/);
    expect(result.stderr).toMatch(
      /line 6: PhaseOfEducation \(name\) "Kindergarten" is not a phase/,
    );
    expect(result.stderr).toMatch(/line 7: NumberOfPupils "lots" is not a whole number/);
    expect(await stored('SchoolRegistered')).toEqual([]);
  });

  it('imports contracts for known schools and services, and refuses a bad file whole', async () => {
    cli('import-schools', '--file', fixture('gias-schools-sample.csv'));
    const bad = cli('import-contracts', '--file', fixture('contracts-bad.csv'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/line 3: urn "999999" is not a known school/);
    expect(bad.stderr).toMatch(/line 4: service "catering" is not a known service/);
    expect(bad.stderr).toMatch(/line 4: financial_year "2026-28" must look like 2026-27/);
    expect(bad.stderr).toMatch(/line 4: fee_paid_pence "12.50" must be a whole number of pence/);
    expect(await stored('FeeAgreementRecorded')).toEqual([]);

    const good = cli('import-contracts', '--file', fixture('contracts-sample.csv'));
    expect(good).toMatchObject({ status: 0 });
    expect(JSON.parse(good.stdout)).toEqual({ added: 3, changed: 0, unchanged: 0 });
    expect((await stored('FeeAgreementRecorded')).map((e) => e.data)).toContainEqual({
      kind: 'contract',
      id: 'C2026-119300-HR',
      schoolUrn: '119300',
      serviceId: 'schools-hr',
      description: 'Service level agreement 2026-27',
      feesPaidPence: 245000,
    });
  });

  it('names the line in the file of a contract already recorded with other details, blank lines counted', () => {
    cli('import-schools', '--file', fixture('gias-schools-sample.csv'));
    cli('import-contracts', '--file', fixture('contracts-sample.csv'));
    const changed = cli('import-contracts', '--file', fixture('contracts-changed.csv'));
    expect(changed.status).toBe(2);
    expect(changed.stderr).toMatch(
      /Nothing was imported: 1 problem in the contracts file:\n {2}line 5: contract C2026-119300-HR is already recorded with different details/,
    );
  });

  it('says what is missing', () => {
    expect(cli('import-schools')).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/--file is required/),
    });
    expect(cli('import-schools', '--file', fixture('no-such.csv'))).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/cannot read .*no-such.csv: ENOENT/),
    });
  });
});
