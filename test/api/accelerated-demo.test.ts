import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCounty } from '@sg/directory';
import { DEMO_PASSWORD } from '@sg/auth';
import { startBuilt } from '../support/run-built';
import { signInByEmailLink, signInWithPassword } from '../support/signing-in-over-http';
import { emlFilesIn } from '../support/eml-files';

const county = demoCounty();
const school = county.schools.find((s) => s.inCounty)!;
/** Mail to the school's head, the complaint's contact; a long address folds the header. */
const TO_THE_HEAD = new RegExp(
  `^To: Head Teacher\\s+<${school.emails[0].replace(/[.]/g, '\\.')}>`,
  'm',
);
const supportOfficer = county.people.find((person) => person.personId === 'business-support-1')!;
const contract = county.feeAgreements.find(
  (agreement) => agreement.schoolUrn === school.urn && agreement.kind === 'contract',
)!;

/**
 * What the README shows: `npm start` with demo data and TIME_SCALE, the demo accounts signed in,
 * a complaint lodged and referred over HTTP, and its resolution clock running out while the engine runs, with no test clock.
 */
describe('the embedded engine with accelerated time', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sg-demo-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('escalates a complaint whose deadline passes while it runs, and mails the Board', async () => {
    const api = await startBuilt(
      'api',
      {
        PORT: '0',
        DATA_DIR: dataDir,
        TIME_SCALE: '400000',
        LOG_LEVEL: 'log',
        NODE_ENV: 'development',
      },
      /listening on (http:\/\/\S+)/,
    );
    try {
      // Signed in as the README says: the school by a link in the mail, staff with a password.
      const outbox = join(dataDir, 'outbox');
      const cookies = {
        head: await signInByEmailLink(api.url, school.emails[0], outbox),
        support: await signInWithPassword(api.url, supportOfficer.email, DEMO_PASSWORD),
      };
      const as = (person: keyof typeof cookies) => ({
        'content-type': 'application/json',
        cookie: cookies[person],
      });
      const lodged = await fetch(`${api.url}/api/complaints`, {
        method: 'POST',
        headers: as('head'),
        body: JSON.stringify({
          channel: 'web-form',
          schoolUrn: school.urn,
          serviceId: contract.serviceId,
          summary: 'Nobody answered our request for advice',
          details: 'We asked three times and heard nothing back.',
          standards: ['listen-and-respond'],
          contact: { name: 'Head Teacher', email: school.emails[0] },
          relatedContractId: contract.id,
        }),
      });
      expect(lodged.status).toBe(201);
      const { id } = (await lodged.json()) as { id: string };
      const referred = await fetch(`${api.url}/api/complaints/${id}/referral`, {
        method: 'POST',
        headers: as('support'),
        body: '{}',
      });
      expect(referred.status).toBe(200);

      // About 14 days of complaint time pass in some 3 seconds of real time.
      let status = '';
      for (let waited = 0; waited < 30_000 && status !== 'escalated'; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const view = await fetch(`${api.url}/api/complaints/${id}`, {
          headers: as('support'),
        });
        status = ((await view.json()) as { status: string }).status;
      }
      expect(status).toBe('escalated');

      let mails: string[] = [];
      for (let waited = 0; waited < 10_000; waited += 100) {
        mails = emlFilesIn(outbox).map((file) => readFileSync(join(outbox, file), 'utf8'));
        // The dispatcher writes one message at a time: wait for the whole escalation's mail.
        const toBoard = mails.filter((mail) => /^Subject: .*escalated to the Board/m.test(mail));
        const toSchool = mails.some((mail) => TO_THE_HEAD.test(mail));
        if (toBoard.length >= 4 && toSchool) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const toBoard = mails.filter((mail) => /^Subject: .*escalated to the Board/m.test(mail));
      expect(toBoard.length).toBeGreaterThanOrEqual(4);
      expect(mails.some((mail) => TO_THE_HEAD.test(mail))).toBe(true);
      // Notifications go in working hours: every Date header is a weekday between 08:00 and
      // 18:00 London time. (A sign-in link goes at once: someone is waiting for it.)
      for (const mail of mails.filter((text) => !/^Subject: Sign in to/m.test(text))) {
        const date = new Date(/^Date: (.*)\r$/m.exec(mail)![1]);
        const london = new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Europe/London',
          weekday: 'short',
          hour: '2-digit',
          hourCycle: 'h23',
        }).formatToParts(date);
        const hour = Number(london.find((part) => part.type === 'hour')!.value);
        expect(['Sat', 'Sun']).not.toContain(london.find((p) => p.type === 'weekday')!.value);
        expect(hour).toBeGreaterThanOrEqual(8);
        expect(hour).toBeLessThan(18);
      }
    } finally {
      await api.stop('SIGTERM');
    }
  }, 60_000);
});
