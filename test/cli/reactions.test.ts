import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type EngineWithParkedEvent,
  REFUSAL,
  startEngineWithParkedEvent,
} from '../support/engine-with-parked-event';
import { eventually } from '../support/eventually';
import { builtEntry, repositoryRoot } from '../support/run-built';

interface Listing {
  reactions: { name: string; parked: number; lastError: { message: string } | null }[];
  parked: { id: number; reaction: string; type: string; error: string; status: string }[];
}

jest.setTimeout(60_000);

/** The built CLI on the files in `dataDir`, run beside the engine, which must keep answering. */
const cli = (dataDir: string, ...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [builtEntry('cli'), ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, DATA_DIR: dataDir, EVENT_STORE: 'sqlite' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

describe('cli reactions and retry-parked', () => {
  let engine: EngineWithParkedEvent;

  beforeEach(async () => (engine = await startEngineWithParkedEvent()));
  afterEach(() => engine.close());

  const listing = async () =>
    JSON.parse((await cli(engine.dataDir, 'reactions', '--json')).stdout) as Listing;

  it('lists the parked event with the reactions, and retries it: failing while the cause stands, then handled', async () => {
    await engine.record();
    // The runner writes its progress down within a second.
    await eventually(async () =>
      (await listing()).reactions.some((r) => r.name === 'read-models' && r.parked === 1),
    );
    const { reactions, parked } = await listing();
    expect(reactions.find((r) => r.name === 'read-models')).toMatchObject({
      lastError: { message: REFUSAL },
      parked: 1,
    });
    expect(parked).toEqual([
      expect.objectContaining({
        reaction: 'read-models',
        type: 'ComplaintReferred',
        error: REFUSAL,
        status: 'parked',
      }),
    ]);
    const { id } = parked[0];

    const readable = await cli(engine.dataDir, 'reactions');
    expect(readable.status).toBe(0);
    expect(readable.stdout).toMatch(
      /^REACTION +POSITION +BEHIND +OLDEST WAITING +PARKED +LAST ERROR/m,
    );
    expect(readable.stdout).toMatch(
      new RegExp(
        `^${id} +read-models +\\d+ +ComplaintReferred +complaint-\\S+ +3 .* parked +${REFUSAL}$`,
        'm',
      ),
    );

    const refused = await cli(engine.dataDir, 'retry-parked', String(id), '--wait', '20');
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ id, status: 'parked', attempts: 4 });
    expect(refused.stderr).toContain(`The retry failed; the event stays parked: ${REFUSAL}`);

    engine.heal();
    const retried = await cli(engine.dataDir, 'retry-parked', String(id), '--wait', '20');
    expect(retried).toMatchObject({ status: 0, stderr: '' });
    expect(JSON.parse(retried.stdout)).toMatchObject({ id, status: 'retried', error: null });
    await eventually(async () =>
      (await listing()).reactions.every((reaction) => reaction.parked === 0),
    );
    expect((await listing()).parked).toEqual([]);

    const again = await cli(engine.dataDir, 'retry-parked', String(id));
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(`parked event ${id} was handled on a retry`);
  });
});

describe('cli reactions and retry-parked given bad input', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'sg-reactions-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    [['retry-parked'], 'the id of a parked event is required'],
    [['retry-parked', 'first'], `a parked event's id is a whole number (got "first")`],
    [['retry-parked', '1', '2'], 'one parked event at a time'],
    [['retry-parked', '1', '--wait', 'soon'], '--wait must be a whole number of seconds'],
    [['retry-parked', '999'], 'no parked event 999'],
    [['reactions', '--colour'], "Unknown option '--colour'"],
  ])('refuses %j with exit status 2 and says why', async (args, message) => {
    const result = await cli(dataDir, ...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it.each([[['reactions']], [['reactions', '--json']], [['retry-parked', '1']]])(
    'refuses %j on a DATA_DIR that does not exist, naming it, with exit status 1',
    async (args) => {
      const missing = join(dataDir, 'not-mounted');
      const result = await cli(missing, ...args);
      expect(result).toMatchObject({
        status: 1,
        stdout: '',
        stderr: `DATA_DIR ${missing} does not exist: set DATA_DIR to the folder the node keeps its files in (on a new installation, make the folder first).\n`,
      });
    },
  );

  it('says so when nothing has run on DATA_DIR yet', async () => {
    const result = await cli(dataDir, 'reactions');
    expect(result).toMatchObject({ status: 0, stdout: `No reaction has run on ${dataDir} yet.\n` });
  });
});
