import { DomainError } from '@sg/complaints';
import { Directory, DirectoryWriter, PeopleRecords } from '@sg/directory';
import { SqliteEventStore } from '@sg/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_CONTEXT as context, directoryWithSchools, school } from './support/school-details';

describe('people and school addresses in the directory', () => {
  let store: SqliteEventStore;
  let directory: Directory;
  let people: PeopleRecords;

  beforeEach(async () => {
    ({ store, directory, people } = await directoryWithSchools([
      school('100001', ['office@oak.sch.uk'], ['oak.sch.uk']),
      school('100002', [], ['trust.org.uk']),
      school('100003', [], ['trust.org.uk']),
    ]));
  });
  afterEach(() => store.close());

  it('finds a person by address, whatever its case, and lists everyone once', async () => {
    await people.add(
      {
        personId: 'p1',
        name: 'Pat',
        email: 'Pat@County.gov.uk',
        roles: [{ role: 'finance' }],
        signIn: 'password',
      },
      context,
    );
    await people.add(
      { personId: 'p2', name: 'Sam', email: 'sam@county.gov.uk', roles: [] },
      context,
    );
    expect((await directory.personByEmail(' pat@county.GOV.uk '))?.personId).toBe('p1');
    expect(await directory.personByEmail('nobody@county.gov.uk')).toBeNull();
    expect((await directory.people()).map((person) => person.personId)).toEqual(['p1', 'p2']);
    expect(
      await people.add(
        { personId: 'p1', name: 'Pat', email: 'pat@county.gov.uk', roles: [] },
        context,
      ),
    ).toBe(false);
  });

  it('refuses a second person with an address already claimed', async () => {
    await people.add(
      { personId: 'p1', name: 'Pat', email: 'pat@county.gov.uk', roles: [] },
      context,
    );
    const refused = await people
      .add({ personId: 'p9', name: 'Impostor', email: 'PAT@county.gov.uk', roles: [] }, context)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('EMAIL_IN_USE');
    expect(await directory.person('p9')).toBeNull();
  });

  it('keeps a name to one reading order, and refuses one with nothing to read', async () => {
    await people.add(
      { personId: 'p1', name: ' Pat \u202Enosaj', email: 'pat@county.gov.uk', roles: [] },
      context,
    );
    expect((await directory.person('p1'))?.name).toBe('Pat nosaj');
    const refused = await people
      .add(
        { personId: 'p2', name: '\u2067\u2069 ', email: 'sam@county.gov.uk', roles: [] },
        context,
      )
      .catch((error: unknown) => error);
    expect((refused as DomainError).code).toBe('FIELD_REQUIRED');
    expect(await directory.person('p2')).toBeNull();
    expect(await directory.personByEmail('sam@county.gov.uk')).toBeNull();
  });

  it('sets roles to exactly what is asked, one event per change', async () => {
    await people.add(
      {
        personId: 'p1',
        name: 'Pat',
        email: 'pat@trust.org.uk',
        roles: [{ role: 'school-staff', schoolUrn: '100002' }],
      },
      context,
    );
    const wanted = [
      { role: 'school-staff' as const, schoolUrn: '100002' },
      { role: 'school-staff' as const, schoolUrn: '100003' },
    ];
    await people.setRoles('p1', wanted, context);
    await people.setRoles('p1', wanted, context);
    expect((await directory.person('p1'))?.roles).toEqual(wanted);
    await people.setRoles('p1', [wanted[1]], context);
    expect((await directory.person('p1'))?.roles).toEqual([wanted[1]]);
    const types: string[] = [];
    for await (const event of store.readStream('person-p1')) types.push(event.type);
    expect(types).toEqual(['PersonRegistered', 'RoleGranted', 'RoleGranted', 'RoleRevoked']);
  });

  it('a disabled person acts as nobody', async () => {
    await people.add(
      { personId: 'p1', name: 'Pat', email: 'pat@county.gov.uk', roles: [{ role: 'admin' }] },
      context,
    );
    await people.disable('p1', 'Left the council', context);
    expect(await directory.actor('p1')).toBeNull();
    await people.enable('p1', context);
    expect((await directory.actor('p1'))?.roles).toEqual([{ role: 'admin' }]);
  });

  it("another node's change to a person it has read counts at once", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sg-people-'));
    const stores = [0, 1].map(() => new SqliteEventStore({ file: join(folder, 'events.db') }));
    try {
      const [here, there] = stores.map((each) => new Directory(each));
      const theirs = new PeopleRecords(there);
      await theirs.add(
        { personId: 'p1', name: 'Pat', email: 'pat@county.gov.uk', roles: [{ role: 'admin' }] },
        context,
      );
      expect((await here.actor('p1'))?.roles).toEqual([{ role: 'admin' }]);
      await theirs.disable('p1', 'Left the council', context);
      expect(await here.actor('p1')).toBeNull();
      await theirs.enable('p1', context);
      await theirs.setRoles('p1', [{ role: 'finance' }], context);
      expect((await here.actor('p1'))?.roles).toEqual([{ role: 'finance' }]);
      expect(await here.actor('p2')).toBeNull();
      await theirs.add(
        { personId: 'p2', name: 'Sam', email: 'sam@county.gov.uk', roles: [{ role: 'finance' }] },
        context,
      );
      expect((await here.actor('p2'))?.roles).toEqual([{ role: 'finance' }]);
    } finally {
      for (const each of stores) await each.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('finds the schools an address reaches: imported or registered, by address or domain, until removed', async () => {
    const urns = async (email: string) =>
      (await directory.schoolsReachedAt(email)).map((found) => found.urn).sort();
    expect(await urns('office@oak.sch.uk')).toEqual(['100001']);
    expect(await urns('anyone@OAK.sch.uk')).toEqual(['100001']);
    expect(await urns('ceo@trust.org.uk')).toEqual(['100002', '100003']);
    expect(await urns('someone@elsewhere.org')).toEqual([]);
    expect(await urns('not an address')).toEqual([]);

    await people.registerSchoolAddress(
      '100001',
      { kind: 'email', value: 'Head@Gmail.com' },
      context,
    );
    expect(await urns('head@gmail.com')).toEqual(['100001']);
    expect(await urns('other@gmail.com')).toEqual([]);

    await people.removeSchoolAddress('100002', { kind: 'domain', value: 'trust.org.uk' }, context);
    expect(await urns('ceo@trust.org.uk')).toEqual(['100003']);

    // An address the school does not have is not removed from it: refused, and nothing recorded.
    const head = await store.headPosition();
    for (const address of [
      { kind: 'domain' as const, value: 'trust.org.uk' },
      { kind: 'domain' as const, value: 'never-registered.example' },
      { kind: 'email' as const, value: 'nobody@oak.sch.uk' },
    ])
      await expect(people.removeSchoolAddress('100002', address, context)).rejects.toMatchObject({
        code: 'SCHOOL_ADDRESS_NOT_FOUND',
      });
    expect(await store.headPosition()).toEqual(head);

    // An import run again keeps what administrators registered and removed.
    await new DirectoryWriter(directory, context).schools([
      { ...school('100001', ['office@oak.sch.uk'], ['oak.sch.uk']), name: 'Oak Academy' },
    ]);
    expect(await urns('head@gmail.com')).toEqual(['100001']);
    expect((await directory.school('100001'))?.name).toBe('Oak Academy');
  });

  it('links an identity provider subject to one person only', async () => {
    await people.add(
      { personId: 'p1', name: 'Pat', email: 'pat@county.gov.uk', roles: [] },
      context,
    );
    await people.add(
      { personId: 'p2', name: 'Sam', email: 'sam@county.gov.uk', roles: [] },
      context,
    );
    await people.linkIdentity('p1', 'https://login.example/v2.0', 'sub-1', context);
    await people.linkIdentity('p1', 'https://login.example/v2.0', 'sub-1', context);
    expect(
      (await directory.personByIdentity('https://login.example/v2.0', 'sub-1'))?.personId,
    ).toBe('p1');
    await expect(
      people.linkIdentity('p2', 'https://login.example/v2.0', 'sub-1', context),
    ).rejects.toMatchObject({ code: 'IDENTITY_IN_USE' });
    expect(await directory.personByIdentity('https://other.example', 'sub-1')).toBeNull();
  });
});
