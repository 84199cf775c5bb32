import { type SchoolDetails } from '@sg/directory';

/** An administrator, as directory tests write as. */
export const ADMIN_CONTEXT = { actor: { id: 'admin-1', role: 'admin' } };

/** A primary academy in Lancashire with these addresses, as an import gives it. */
export const school = (urn: string, emails: string[], domains: string[]): SchoolDetails => ({
  urn,
  name: `School ${urn}`,
  phase: 'primary',
  type: 'Academy converter',
  localAuthority: 'Lancashire',
  inCounty: true,
  pupils: 200,
  emails,
  domains,
});
