import { parse } from 'csv-parse/sync';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    expect(JSON.parse(first.stdout)).toEqual({
      added: 6,
      changed: 0,
      unchanged: 0,
      encoding: 'utf-8',
    });
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
      encoding: 'utf-8',
    });
  });

  it('refuses a DATA_DIR that is not there, rather than import into an empty store nobody uses', () => {
    const typo = join(dataDir, 'no-such-folder');
    const refused = runBuilt(
      'cli',
      ['import-schools', '--file', fixture('gias-schools-sample.csv')],
      { DATA_DIR: typo, EVENT_STORE: 'sqlite' },
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`DATA_DIR ${typo} does not exist`);
    expect(existsSync(typo)).toBe(false);
  });

  it('imports what Excel saves as "Unicode Text": UTF-16 with tabs between the columns', async () => {
    const rows: string[][] = parse(readFileSync(fixture('gias-schools-sample.csv'), 'utf8'), {
      bom: true,
    });
    const file = join(dataDir, 'schools.txt');
    const text = rows.map((row) => row.join('\t')).join('\r\n');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const imported = cli('import-schools', '--file', file);
    expect(imported).toMatchObject({ status: 0, stderr: '' });
    expect(JSON.parse(imported.stdout)).toMatchObject({ added: 6, encoding: 'utf-16le' });
    expect(
      (await stored('SchoolRegistered')).map((e) => (e.data as { name: string }).name),
    ).toContain("St Mary's Catholic Primary School, Chorley");
  });

  it('refuses a file with bad rows, naming each line, and imports nothing', async () => {
    const result = cli('import-schools', '--file', fixture('gias-schools-bad.csv'));
    // The command line was right: the file's problems, not the usage, and the status of a refusal.
    expect(result.status).toBe(1);
    expect(result.stderr).not.toMatch(/Usage/);
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
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/line 3: urn "999999" is not a known school/);
    expect(bad.stderr).toMatch(/line 4: service "catering" is not a known service/);
    expect(bad.stderr).toMatch(/line 4: financial_year "2026-28" must look like 2026-27/);
    expect(bad.stderr).toMatch(/line 4: fee_paid_pence "12.50" must be a whole number of pence/);
    expect(await stored('FeeAgreementRecorded')).toEqual([]);

    const good = cli('import-contracts', '--file', fixture('contracts-sample.csv'));
    expect(good).toMatchObject({ status: 0 });
    expect(JSON.parse(good.stdout)).toEqual({
      added: 3,
      changed: 0,
      unchanged: 0,
      encoding: 'utf-8',
    });
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
    expect(changed.status).toBe(1);
    expect(changed.stderr).toMatch(
      /Nothing was imported: 1 problem in the contracts file:\n {2}line 5: contract C2026-119300-HR is already recorded with different details/,
    );
  });

  const GIAS_HEADER =
    'URN,EstablishmentName,TypeOfEstablishment (name),PhaseOfEducation (name),LA (name),NumberOfPupils\n';
  const file = (name: string, bytes: Buffer) => {
    const path = join(dataDir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it.each([
    ['Windows-1252, as GIAS publishes it', Buffer.from([0xe0]), 'windows-1252'],
    ['UTF-8', Buffer.from('à'), 'utf-8'],
  ])('keeps the letters of a file in %s, and says which it read', async (_, a, encoding) => {
    const csv = file(
      'accented.csv',
      Buffer.concat([
        Buffer.from(`${GIAS_HEADER}999004,St Thomas `),
        a,
        Buffer.from(' Becket Primary,Voluntary aided school,Primary,Lancashire,210\n'),
      ]),
    );
    const result = cli('import-schools', '--file', csv);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({ added: 1, changed: 0, unchanged: 0, encoding });
    expect(
      (await stored('SchoolRegistered')).map((e) => (e.data as { name: string }).name),
    ).toEqual(['St Thomas à Becket Primary']);
  });

  it('reads a contracts file in Windows-1252 too', () => {
    cli('import-schools', '--file', fixture('gias-schools-sample.csv'));
    const csv = file(
      'contracts-1252.csv',
      Buffer.from(
        'contract_id,urn,service,financial_year,fee_paid_pence,note\nC1,119300,schools-hr,2026-27,100,\x93agreed\x94\n',
        'latin1',
      ),
    );
    expect(JSON.parse(cli('import-contracts', '--file', csv).stdout)).toMatchObject({
      added: 1,
      encoding: 'windows-1252',
    });
  });

  it('lists every record that is not well-formed CSV with the rows’ own problems, not just the first', async () => {
    const csv = file(
      'malformed.csv',
      Buffer.from(
        GIAS_HEADER +
          '999001,St "Anne Primary,Community school,Primary,Lancashire,100\n' +
          '999002,Oak Primary,Community school,Primary,Lancashire,100,spare\n' +
          '999003,Elm Primary,Community school,Kindergarten,Lancashire,100\n',
      ),
    );
    const result = cli('import-schools', '--file', csv);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Nothing was imported: 3 problems in the schools file:\n/);
    expect(result.stderr).toMatch(/\n {2}line 2: Invalid Opening Quote/);
    expect(result.stderr).toMatch(/\n {2}line 3: Invalid Record Length/);
    expect(result.stderr).toMatch(/\n {2}line 4: PhaseOfEducation \(name\) "Kindergarten"/);
    expect(result.stderr).toMatch(/\(The file was read as utf-8\.\)\n$/);
    expect(await stored('SchoolRegistered')).toEqual([]);
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
