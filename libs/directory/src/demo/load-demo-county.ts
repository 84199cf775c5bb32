import { type Directory } from '../directory';
import { DirectoryWriter } from '../directory-writer';
import { demoCounty } from './demo-county';

export interface DemoLoadResult {
  readonly loaded: boolean;
  readonly schools: number;
  readonly feeAgreements: number;
  readonly people: number;
}

/** Loads the demo county into an empty directory; a directory that has services already is left alone. */
export async function loadDemoCountyIfEmpty(directory: Directory): Promise<DemoLoadResult> {
  const county = demoCounty();
  if (await directory.service(county.services[0].serviceId)) {
    return { loaded: false, schools: 0, feeAgreements: 0, people: 0 };
  }
  const writer = new DirectoryWriter(directory, {
    actor: { id: 'system:demo-loader', role: 'system' },
  });
  await writer.services(county.services);
  await writer.schools(county.schools);
  await writer.feeAgreements(county.feeAgreements);
  await writer.people(county.people);
  return {
    loaded: true,
    schools: county.schools.length,
    feeAgreements: county.feeAgreements.length,
    people: county.people.length,
  };
}
