import { DirectoryWriter } from '@sg/directory';
import {
  type ComplaintsApp,
  escalateAfterDeadline,
  lodgedAndReferred,
  OTHER_SCHOOL,
  SCHOOL,
  startComplaintsApp,
} from '../support/complaints-app';

/**
 * A school is given the version of the last event it reads: internal notes and the Board's
 * working move the council's version, not the school's, and nothing the school is answered
 * (ETag, view, a refused If-Match) counts them.
 */
describe("the school's version of its complaint", () => {
  let api: ComplaintsApp;
  let id: string;

  beforeAll(async () => {
    api = await startComplaintsApp();
    id = await lodgedAndReferred(api);
  });
  afterAll(() => api.close());

  const read = async (personId: string) => {
    const answer = await api.as(personId).get(`/api/complaints/${id}`).expect(200);
    return {
      etag: answer.headers.etag,
      version: (answer.body as { version: number }).version,
    };
  };
  const note = (text: string) =>
    api.as('hr-manager').post(`/api/complaints/${id}/notes`, { text }).expect(200);

  it('does not move for an internal note, while the council’s does', async () => {
    const school = await read('head');
    const council = await read('support');
    expect(school.etag).toBe(`"${school.version}"`);
    await note('The school’s account does not match our records');
    expect(await read('head')).toEqual(school);
    expect((await read('support')).version).toBe(council.version + 1);
  });

  it('is what a governor on the Board reads too: staff of the school read it as the school', async () => {
    await new DirectoryWriter(api.directory, { actor: { id: 'test', role: 'system' } }).person({
      personId: 'governor',
      name: 'Gill Governor',
      email: 'gill.governor@example.org',
      roles: [
        { role: 'board-member', chair: false },
        { role: 'school-staff', schoolUrn: SCHOOL },
      ],
    });
    await note('The head is under investigation: not for the school');
    const governor = await read('governor');
    expect(governor).toEqual(await read('head'));
    const lines = (await api.as('governor').get(`/api/complaints/${id}/timeline`).expect(200))
      .body as { type: string }[];
    expect(lines.some((line) => line.type === 'InternalNoteAdded')).toBe(false);
    // Nor is it offered on the page, nor taken through the API.
    const page = await api.as('governor').get(`/complaints/${id}`).expect(200);
    expect(page.text).not.toContain('not for the school');
    expect(page.text).not.toContain('Add an internal note');
    await api
      .as('governor')
      .post(`/api/complaints/${id}/notes`, { text: 'A governor’s aside' })
      .expect(403);
    // Nor found by searching for the note's words, which the council finds it by.
    const found = async (personId: string, words: string) =>
      (
        (await api.as(personId).get(`/api/search?q=${words}`).expect(200)).body as {
          items: { id: string }[];
        }
      ).items.map((item) => item.id);
    expect(await found('support', 'investigation')).toContain(id);
    expect(await found('governor', 'investigation')).not.toContain(id);
    expect(await found('governor', 'grievance')).toContain(id);
  });

  it('numbers its timeline as it numbers its versions: no gap where a note was', async () => {
    await note('Between the school’s events');
    await api.as('head').post(`/api/complaints/${id}/messages`, { text: 'Hello' }).expect(200);
    const lines = (await api.as('head').get(`/api/complaints/${id}/timeline`).expect(200)).body as {
      revision: number;
      type: string;
    }[];
    expect(lines.map((line) => line.revision)).toEqual(lines.map((_, i) => i));
    expect(lines.some((line) => line.type === 'InternalNoteAdded')).toBe(false);
    expect(lines.at(-1)!.revision).toBe((await read('head')).version);
  });

  it('is what the school sends back: its If-Match holds across notes, and its answer is its own version', async () => {
    const before = await read('head');
    await note('Another note');
    const sent = await api
      .as('head')
      .post(`/api/complaints/${id}/messages`, { text: 'Any news?' })
      .set('If-Match', before.etag)
      .expect(200);
    const after = await read('head');
    expect(sent.headers.etag).toBe(after.etag);
    expect((sent.body as { version: number }).version).toBe(after.version);
    expect(after.version).toBe(before.version + 1);
    // The council counts the notes too.
    expect((await read('support')).version).toBeGreaterThan(after.version);
  });

  it('a stale or probing If-Match is refused naming only the school’s version', async () => {
    const school = await read('head');
    await note('A third note');
    const council = await read('support');
    expect(council.version).toBeGreaterThan(school.version);
    for (const probe of [school.version - 1, school.version + 1, council.version]) {
      const refused = await api
        .as('head')
        .post(`/api/complaints/${id}/messages`, { text: 'Hello?' })
        .set('If-Match', `"${probe}"`)
        .expect(412);
      expect((refused.body as { message: string }).message).toBe(
        `The complaint has changed since version ${probe} (it is now at version ${school.version}); reload it and try again`,
      );
      expect(refused.headers.etag).toBeUndefined();
    }
    expect(await read('head')).toEqual(school);
  });

  // Last: the complaint goes to the Board, where a governor of another school reads it.
  it('is not offered to act for the school to staff of another school who read it as the Board', async () => {
    await new DirectoryWriter(api.directory, { actor: { id: 'test', role: 'system' } }).person({
      personId: 'other-governor',
      name: 'Olu Governor',
      email: 'olu.governor@example.org',
      roles: [
        { role: 'board-member', chair: false },
        { role: 'school-staff', schoolUrn: OTHER_SCHOOL },
      ],
    });
    await escalateAfterDeadline(api, id);
    const page = await api.as('other-governor').get(`/complaints/${id}`).expect(200);
    // The Board's reader, with the council's notes: not the school.
    expect(page.text).toContain('not for the school');
    for (const action of ['Withdraw the complaint for the school', 'Change the school’s contact'])
      expect(page.text).not.toContain(action);
  });
});
