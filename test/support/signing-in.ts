import { type PasswordSignIn } from '@sg/auth';
import { type NewPerson, PeopleRecords } from '@sg/directory';
import { type Server } from 'node:http';
import request from 'supertest';
import { PASSWORD_SIGN_IN } from '../../apps/api/src/auth/auth.tokens';
import { type ComplaintsApp, SCHOOL } from './complaints-app';

/** A school's bursar, besides its head, who signs in with TEST_PASSWORD once added. */
export const BURSAR = {
  personId: 'bursar',
  name: 'Bea Bursar',
  email: 'bursar@brookside.lancs.sch.uk',
  roles: [{ role: 'school-staff' as const, schoolUrn: SCHOOL }],
};

/** A password the rules accept, for the people tests add. */
export const TEST_PASSWORD = 'lantern orchard vinegar tide';

const BY_TEST = { actor: { id: 'test', role: 'admin' } };

/** Adds a person who signs in with TEST_PASSWORD, as an administrator's invitation would. */
export async function addWithPassword(
  api: ComplaintsApp,
  person: Omit<NewPerson, 'signIn'>,
): Promise<void> {
  await new PeopleRecords(api.directory).add({ ...person, signIn: 'password' }, BY_TEST);
  await api.app
    .get<PasswordSignIn>(PASSWORD_SIGN_IN)
    .setPassword(person.personId, TEST_PASSWORD, null);
}

/** The cookies a response set, by name (value only): what a browser would send back. */
export function cookiesSet(response: request.Response): Record<string, string> {
  const header = response.headers['set-cookie'] as unknown as string[] | undefined;
  const cookies: Record<string, string> = {};
  for (const line of header ?? []) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    cookies[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return cookies;
}

/**
 * A browser's cookie jar, by hand: supertest's agent will not send a Secure cookie over plain
 * HTTP, and outside development every cookie of ours is Secure.
 */
export class Browser {
  private readonly jar = new Map<string, string>();

  constructor(private readonly server: Server) {}

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  /** Sends a cookie from now on, as a browser that kept an old one would. */
  keepCookie(name: string, value: string): void {
    this.jar.set(name, value);
  }

  private keep(response: request.Response) {
    for (const [name, value] of Object.entries(cookiesSet(response))) {
      if (value === '') this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return response;
  }

  /** The Cookie header this browser sends, for a request made by hand. */
  cookieHeader() {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async get(path: string) {
    return this.keep(await request(this.server).get(path).set('Cookie', this.cookieHeader()));
  }

  async post(path: string, body: object = {}) {
    return this.keep(
      await request(this.server).post(path).set('Cookie', this.cookieHeader()).send(body),
    );
  }

  /** A form as a browser posts it; as URLSearchParams, with a field given more than once. */
  async postForm(
    path: string,
    fields: Record<string, string> | URLSearchParams,
    headers: Record<string, string> = {},
  ) {
    return this.keep(
      await request(this.server)
        .post(path)
        .set({ ...headers, Cookie: this.cookieHeader() })
        .type('form')
        .send(fields instanceof URLSearchParams ? fields.toString() : fields),
    );
  }

  /** A form with files, as a browser sends one (multipart). */
  async postFiles(
    path: string,
    fields: Record<string, string>,
    files: readonly { field: string; bytes: Buffer; name: string }[],
  ) {
    let sending = request(this.server).post(path).set('Cookie', this.cookieHeader());
    for (const [name, value] of Object.entries(fields)) sending = sending.field(name, value);
    for (const file of files) sending = sending.attach(file.field, file.bytes, file.name);
    return this.keep(await sending);
  }

  async delete(path: string) {
    return this.keep(await request(this.server).delete(path).set('Cookie', this.cookieHeader()));
  }
}

/** A browser signed in, by password, as the person `addWithPassword` added with this address. */
export async function signedInWithPassword(api: ComplaintsApp, email: string): Promise<Browser> {
  const browser = new Browser(api.app.getHttpServer() as Server);
  const signIn = await browser.post('/api/auth/sign-in', { email, password: TEST_PASSWORD });
  if (signIn.status !== 200) throw new Error(`${email} could not sign in: ${signIn.status}`);
  return browser;
}

/** The form token a page wrote into its form, to post it back as the browser would. */
export const csrfTokenIn = (html: string) => /name="csrfToken" value="([^"]+)"/.exec(html)![1];

/** The value a page wrote into one of its form's inputs, or null when it has no such input. */
export const fieldIn = (html: string, name: string) =>
  new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? null;

/** A Business Support officer who signs in with a password, for tests of the pages' forms. */
export const OFFICER = {
  personId: 'officer',
  name: 'Olu Officer',
  email: 'olu.officer@example.org',
  roles: [{ role: 'business-support' as const }],
};
