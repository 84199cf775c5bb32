import { type RoleGrant } from '@sg/complaints';
import { PeopleRecords } from '@sg/directory';
import { type ComplaintsApp } from '../../support/complaints-app';

/** The callers, in the order of the access matrices' columns. */
export const CALLERS = [
  'none', // no identity at all
  'unknown', // the development header naming nobody in the directory
  'school', // staff of the complaint's school (head, 119300)
  'otherSchool', // staff of another school (other-head, 119301)
  'service', // the manager of the complaint's service (hr-manager, schools-hr)
  'otherService', // the manager of another service (music-manager, music-service)
  'support', // Business Support
  'token', // an API token holding business-support
  'board', // a Board member (board-1)
  'finance',
  'admin',
  'scrutiny', // the scrutiny committee: reports only
] as const;
export type Caller = (typeof CALLERS)[number];

export const PERSON_OF: Partial<Record<Caller, string>> = {
  unknown: 'nobody-in-the-directory',
  school: 'head',
  otherSchool: 'other-head',
  service: 'hr-manager',
  otherService: 'music-manager',
  support: 'support',
  board: 'board-1',
  finance: 'finance',
  admin: 'administrator',
  scrutiny: 'scrutineer',
};

/** The callers the test app does not have (an administrator, a scrutineer), and any `more`. */
export async function addCallers(
  api: ComplaintsApp,
  more: readonly (readonly [string, readonly RoleGrant[]])[] = [],
): Promise<void> {
  const people = new PeopleRecords(api.directory);
  const by = { actor: { id: 'test', role: 'admin' as const } };
  for (const [personId, roles] of [
    [PERSON_OF.admin!, [{ role: 'admin' as const }]],
    [PERSON_OF.scrutiny!, [{ role: 'scrutiny' as const }]],
    ...more,
  ] as const)
    await people.add(
      { personId, name: personId, email: `${personId}@example.org`, roles: [...roles] },
      by,
    );
}

/** An integration's API token holding business-support, made by the administrator. */
export async function businessSupportToken(api: ComplaintsApp): Promise<string> {
  const made = await api
    .as(PERSON_OF.admin!)
    .post('/api/admin/api-tokens', {
      name: 'CRM',
      roles: [{ role: 'business-support' }],
      expiresAt: '2026-04-17T09:00:00Z',
    })
    .expect(201);
  return (made.body as { token: string }).token;
}
