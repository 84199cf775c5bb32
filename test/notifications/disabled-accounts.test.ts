import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { type Actor } from '@sg/complaints';
import { NotificationStore } from '@sg/notifications';
import { lodgeComplaint, reactorOverStore } from './support/reactor-over-store';

const head: Actor = {
  id: 'p-head',
  name: 'Jane Head',
  roles: [{ role: 'school-staff', schoolUrn: '119300' }],
};

const lodge = (complaintId: string) => lodgeComplaint(complaintId, head, 'web-form');

const supportOfficer = (n: number) => ({
  personId: `p-support-${n}`,
  name: `Support ${n}`,
  email: `support-${n}@county.example`,
});

/** Registers Business Support officers 1 and 2 through `directory`. */
async function twoSupportOfficers(
  directory: ReturnType<typeof reactorOverStore>['directory'],
): Promise<void> {
  for (const n of [1, 2]) {
    const person = supportOfficer(n);
    await directory(`person-${person.personId}`, 'PersonRegistered', person);
    await directory(`person-${person.personId}`, 'RoleGranted', {
      personId: person.personId,
      grant: { role: 'business-support' },
    });
  }
}

const lodgedMailTo = (store: ReturnType<typeof reactorOverStore>['store'], complaintId: string) =>
  store
    .outbox()
    .filter((mail) => mail.complaintId === complaintId && mail.kind === 'lodged-for-support')
    .map((mail) => mail.to.email);

describe('a disabled account', () => {
  it('is sent no mail while disabled, and is again once enabled', async () => {
    const { store, directory, act, close } = reactorOverStore();
    await twoSupportOfficers(directory);
    await directory('person-p-support-2', 'AccountDisabled', {
      personId: 'p-support-2',
      reason: 'Left the council',
    });
    await act('1', lodge('1'));
    expect(lodgedMailTo(store, '1')).toEqual(['support-1@county.example']);

    await directory('person-p-support-2', 'AccountEnabled', { personId: 'p-support-2' });
    await act('2', lodge('2'));
    expect(lodgedMailTo(store, '2')).toEqual([
      'support-1@county.example',
      'support-2@county.example',
    ]);
    await close();
  });

  it('disabled before an upgrade to a release that keeps it, is found when the worker starts', async () => {
    // The notifications file as releases before this one made it: people had no `disabled`.
    const file = new Database(':memory:');
    file.exec(
      'CREATE TABLE people (person_id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL)',
    );
    for (const n of [1, 2]) {
      const person = supportOfficer(n);
      file
        .prepare('INSERT INTO people VALUES (?, ?, ?)')
        .run(person.personId, person.name, person.email);
    }
    const { store, reactor, events, directory, passOver, act, close } = reactorOverStore(file);
    expect(store.accountsToRecheck).toBe(true);
    // A start whose recheck fails (the store out of reach) leaves it to the next start.
    expect(new NotificationStore(file).accountsToRecheck).toBe(true);
    // What the events already said before the upgrade, the reactor being past it.
    for (const n of [1, 2]) {
      await directory(`person-p-support-${n}`, 'PersonRegistered', supportOfficer(n));
      await directory(`person-p-support-${n}`, 'RoleGranted', {
        personId: `p-support-${n}`,
        grant: { role: 'business-support' },
      });
    }
    await events.appendToStream(
      'person-p-support-2',
      [
        {
          id: randomUUID(),
          type: 'AccountDisabled',
          data: { personId: 'p-support-2', reason: 'Left the council' },
          metadata: { schemaVersion: 1 },
        },
      ],
      { expectedRevision: 'any' },
    );
    await passOver();
    await reactor.recheckAccounts();
    expect(store.accountsToRecheck).toBe(false);
    await act('1', lodge('1'));
    expect(lodgedMailTo(store, '1')).toEqual(['support-1@county.example']);
    await close();
  });
});
