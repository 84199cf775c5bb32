import { type CredentialStore, DEMO_TOTP_SECRET, needsSecondFactor, totpCode } from '@sg/auth';
import { type RoleGrant } from '@sg/complaints';
import { PeopleRecords } from '@sg/directory';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CREDENTIALS } from '../../../apps/api/src/auth/auth.tokens';
import {
  type AppOptions,
  type ComplaintsApp,
  lodgeBody,
  startComplaintsApp,
} from '../../support/complaints-app';
import { addWithPassword, TEST_PASSWORD } from '../../support/signing-in';
import { accessibilityViolations } from './accessibility-check';
import { launchChromium, personsBrowser, screenshot } from './chromium';
import { newestSignInLink, signInLinksIn } from '../../support/eml-files';

export interface StaffMember {
  readonly personId: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly RoleGrant[];
}

const BY_TEST = { actor: { id: 'test', role: 'admin' } };

/**
 * The whole engine in process, listening on a loopback port, and Chromium to use its pages as
 * each person would: signed in through the sign-in pages, each in a browser context of their own.
 */
export class PagesWorld {
  private readonly signedIn = new Map<string, BrowserContext>();

  private constructor(
    readonly api: ComplaintsApp,
    readonly baseUrl: string,
    readonly browser: Browser,
    /** Sign-in codes are checked on the machine's time when time is accelerated, as the engine does. */
    private readonly codeTime: () => Date,
  ) {}

  static async start(now?: string, options: AppOptions = {}): Promise<PagesWorld> {
    // The development header stays on for seeding complaints through the API (api.as); the
    // browser never sends it, so every page is used as its person signed in.
    const api = await startComplaintsApp(now, options);
    await api.app.listen(0, '127.0.0.1');
    const { port } = (api.app.getHttpServer() as Server).address() as AddressInfo;
    const accelerated = Number(options.env?.TIME_SCALE ?? 1) > 1;
    return new PagesWorld(api, `http://127.0.0.1:${port}`, await launchChromium(), () =>
      accelerated ? new Date() : api.clock.now(),
    );
  }

  /** Council staff with a password and, where their role needs one, an authenticator. */
  async addStaff(person: StaffMember): Promise<StaffMember> {
    await addWithPassword(this.api, { ...person, roles: [...person.roles] });
    if (needsSecondFactor(person.roles)) {
      await this.api.app
        .get<CredentialStore>(CREDENTIALS)
        .enrolSecondFactor(person.personId, DEMO_TOTP_SECRET);
      await new PeopleRecords(this.api.directory).secondFactorEnrolled(person.personId, BY_TEST);
    }
    return person;
  }

  /** An address school staff sign in with, registered for the school. */
  async registerSchoolAddress(urn: string, email: string): Promise<void> {
    await new PeopleRecords(this.api.directory).registerSchoolAddress(
      urn,
      { kind: 'email', value: email },
      BY_TEST,
    );
  }

  /**
   * A complaint lodged by the school's head through the API and referred by Business Support to
   * `serviceId` (without one, to the service the school chose): where most journeys start.
   */
  async lodgeAndRefer(
    overrides: object = {},
    serviceId?: string,
  ): Promise<{ id: string; reference: string }> {
    const lodged = await this.api
      .as('head')
      .post('/api/complaints', lodgeBody(overrides))
      .expect(201);
    const complaint = lodged.body as { id: string; reference: string };
    await this.api
      .as('support')
      .post(`/api/complaints/${complaint.id}/referral`, serviceId ? { serviceId } : {})
      .expect(200);
    return complaint;
  }

  /** Schools HR's manager proposing a resolution through the API, for the school to answer. */
  async proposeResolution(complaintId: string): Promise<void> {
    await this.api
      .as('hr-manager')
      .post(`/api/complaints/${complaintId}/resolution`, {
        resolution: 'A named adviser from Monday.',
      })
      .expect(200);
  }

  /**
   * A page in a browser of its own that has signed in as nobody: what anyone on the internet sees.
   * Its browser is set up as a person's is, and closes with the world.
   */
  async anonymousPage(): Promise<Page> {
    const context = await personsBrowser(this.browser, this.baseUrl);
    return context.newPage();
  }

  /**
   * A page in the staff member's browser, signed in on the sign-in pages the first time; with
   * JavaScript on or off as asked (by default as BROWSER_JAVASCRIPT says), a browser for each.
   */
  async staffPage(
    person: StaffMember,
    options: { readonly javaScript?: boolean } = {},
  ): Promise<Page> {
    const javaScript = options.javaScript ?? process.env.BROWSER_JAVASCRIPT === 'on';
    const key = `${person.personId}${javaScript ? ' with JavaScript' : ''}`;
    const known = this.signedIn.get(key);
    if (known) return known.newPage();
    const context = await personsBrowser(this.browser, this.baseUrl, { javaScript });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    if (new URL(page.url()).pathname === '/sign-in/second-factor') {
      await page
        .getByLabel('Enter your security code')
        .fill(totpCode(DEMO_TOTP_SECRET, this.codeTime()));
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    if (new URL(page.url()).pathname.startsWith('/sign-in'))
      throw new Error(`${person.personId} could not sign in: ${await page.title()}`);
    this.signedIn.set(key, context);
    return page;
  }

  /** A page in a school's browser, signed in with a link from the email it asked for. */
  async schoolPage(email: string): Promise<Page> {
    const known = this.signedIn.get(email);
    if (known) return known.newPage();
    const context = await personsBrowser(this.browser, this.baseUrl);
    const page = await context.newPage();
    await page.goto('/sign-in/school');
    await page.getByLabel('What is your school email address?').fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await page.goto(await this.signInLink(email));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/auth/'));
    this.signedIn.set(email, context);
    return page;
  }

  /** The newest sign-in link mailed to `email` (embedded mode writes mail as .eml files). */
  async signInLink(email: string, before: readonly string[] = []): Promise<string> {
    return newestSignInLink(join(this.api.dataDir, 'outbox'), email, before);
  }

  /** The sign-in links `email` has been mailed so far. */
  signInLinksSoFar(email: string): string[] {
    return signInLinksIn(join(this.api.dataDir, 'outbox'), email);
  }

  /** Keeps a screenshot of the page as it is, and answers its WCAG 2.2 AA violations. */
  async look(page: Page, name: string): Promise<string[]> {
    await screenshot(page, name);
    return accessibilityViolations(page, this.baseUrl);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.api.close();
  }
}
