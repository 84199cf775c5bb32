import Database from 'better-sqlite3';
import { type RecordedEvent } from '@sg/event-store';
import { createReadModelSchema } from './read-model-schema';
import { SchoolNameProjection } from './school-name-projection';

let position = 0n;
const named = (urn: string, name: string, revision: number, type = 'SchoolRegistered') => {
  position += 1n;
  return {
    id: `e${position}`,
    stream: `school-${urn}`,
    type,
    revision: BigInt(revision),
    position: { commit: position, prepare: position },
    data: { urn, name },
    metadata: { schemaVersion: 1 },
    recordedAt: new Date(0),
  } as unknown as RecordedEvent;
};

describe('the index of school names', () => {
  let db: Database.Database;
  let projection: SchoolNameProjection;
  const found = (words: string) =>
    db
      .prepare<[string], { urn: string }>(
        'SELECT urn FROM school_search WHERE school_search MATCH ? ORDER BY urn',
      )
      .all(words)
      .map((row) => row.urn);

  beforeEach(() => {
    db = new Database(':memory:');
    createReadModelSchema(db);
    projection = new SchoolNameProjection(db);
  });
  afterEach(() => db.close());

  it('finds each school by its latest name only, once', async () => {
    await projection.apply([
      named('100001', 'Brookside Primary School', 0),
      named('100002', 'Hillside Primary School', 0),
      named('100001', 'Brookside Academy', 1, 'SchoolDetailsChanged'),
    ]);
    await projection.apply([named('100002', 'Hillside Primary School', 1, 'SchoolDetailsChanged')]);
    expect(found('brookside')).toEqual(['100001']);
    expect(found('primary')).toEqual(['100002']);
    expect(found('hillside')).toEqual(['100002']);
    expect(db.prepare('SELECT count(*) AS n FROM school_search').get()).toEqual({ n: 2 });
    expect(projection.position()).toEqual({ commit: position, prepare: position });
  });

  it('takes a parked event applied late only if it is newer than the name it holds', async () => {
    const older = named('100001', 'Brookside Primary School', 0);
    await projection.apply([named('100001', 'Brookside Academy', 1, 'SchoolDetailsChanged')]);
    await projection.applyLate(older);
    expect(found('academy')).toEqual(['100001']);
    expect(found('primary')).toEqual([]);
    await projection.applyLate(named('100001', 'Oakfield Academy', 2, 'SchoolDetailsChanged'));
    expect(found('oakfield')).toEqual(['100001']);
    expect(found('brookside')).toEqual([]);
  });

  it('passes over what names no school: address indexes, other events', async () => {
    await projection.apply([
      {
        ...named('100001', 'ignored', 0, 'SchoolAddressRegistered'),
        stream: 'school-address-abc',
      },
      named('100001', 'Brookside', 0, 'SchoolAddressRegistered'),
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM school_names').get()).toEqual({ n: 0 });
    expect(projection.position()).toEqual({ commit: position, prepare: position });
  });
});
