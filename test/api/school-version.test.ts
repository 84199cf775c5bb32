import {
  type ComplaintsApp,
  lodgedAndReferred,
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
});
