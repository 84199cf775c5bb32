import { type Directory, DirectoryWriter, type PeopleRecords, schoolUserId } from '@sg/directory';
import { type SqliteEventStore } from '@sg/event-store';
import { ADMIN_CONTEXT as context, directoryWithSchools, school } from './support/school-details';

const OAK = '100001';
const ELM = '100002';

describe('what a school’s addresses give the staff their first email link made', () => {
  let store: SqliteEventStore;
  let directory: Directory;
  let people: PeopleRecords;
  beforeEach(async () => {
    ({ store, directory, people } = await directoryWithSchools([
      school(OAK, [], ['oak.lancs.sch.uk']),
      school(ELM, ['office@elm.lancs.sch.uk', 'old-bursar@elm.lancs.sch.uk'], []),
    ]));
  });
  afterEach(() => store.close());

  /** Someone whose first link, to `email`, made them staff of Oak. */
  async function firstLink(email: string) {
    const personId = schoolUserId(email);
    await people.add(
      {
        personId,
        name: email,
        email,
        roles: [{ role: 'school-staff', schoolUrn: OAK }],
        signIn: 'email-link',
      },
      { actor: { id: personId, role: 'sign-in' } },
    );
    return personId;
  }
  const rolesOf = async (personId: string) => (await directory.person(personId))!.roles;

  it('takes nothing when the address removed never reached them, whatever else they hold', async () => {
    const personId = await firstLink('exec.head@oak.lancs.sch.uk');
    // The executive head of the federation: an administrator gives them Elm too.
    const both = [
      { role: 'school-staff' as const, schoolUrn: OAK },
      { role: 'school-staff' as const, schoolUrn: ELM },
    ];
    await people.setRoles(personId, both, context);
    await people.removeSchoolAddress(
      ELM,
      { kind: 'email', value: 'old-bursar@elm.lancs.sch.uk' },
      context,
    );
    expect(await rolesOf(personId)).toEqual(both);
  });

  it('takes the school when an import no longer lists the domain that reached them', async () => {
    const personId = await firstLink('clerk@oak.lancs.sch.uk');
    await new DirectoryWriter(directory, context).schools([
      school(OAK, [], ['oak-new.lancs.sch.uk']),
    ]);
    expect(await directory.schoolsReachedAt('clerk@oak.lancs.sch.uk')).toEqual([]);
    expect(await rolesOf(personId)).toEqual([]);
  });

  it('takes both schools of a federation when an import gives each its own domain instead of the one they shared', async () => {
    await new DirectoryWriter(directory, context).schools([
      school(OAK, [], ['fed.lancs.sch.uk']),
      school(ELM, [], ['fed.lancs.sch.uk']),
    ]);
    const email = 'head@fed.lancs.sch.uk';
    const personId = schoolUserId(email);
    await people.add(
      {
        personId,
        name: email,
        email,
        roles: [
          { role: 'school-staff', schoolUrn: OAK },
          { role: 'school-staff', schoolUrn: ELM },
        ],
        signIn: 'email-link',
      },
      { actor: { id: personId, role: 'sign-in' } },
    );
    await new DirectoryWriter(directory, context).schools([
      school(OAK, [], ['oak.lancs.sch.uk']),
      school(ELM, [], ['elm.lancs.sch.uk']),
    ]);
    expect(await rolesOf(personId)).toEqual([]);
  });

  it('takes nothing when an address that still reaches them is left', async () => {
    const personId = await firstLink('head@oak.lancs.sch.uk');
    await people.registerSchoolAddress(
      OAK,
      { kind: 'email', value: 'head@oak.lancs.sch.uk' },
      context,
    );
    await people.removeSchoolAddress(OAK, { kind: 'domain', value: 'oak.lancs.sch.uk' }, context);
    expect(await rolesOf(personId)).toEqual([{ role: 'school-staff', schoolUrn: OAK }]);
  });
});
