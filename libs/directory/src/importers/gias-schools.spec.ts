import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readGiasSchools } from './gias-schools';

const HEADER = readFileSync(
  join(__dirname, '../../../../test/fixtures/gias-schools-sample.csv'),
  'utf8',
).split(/\r?\n/)[0];

const school = (urn: string, website: string) =>
  `${urn},888,Lancashire,2001,School ${urn},Community school,Open,Primary,210,${website},PR1 1AA`;

describe('a GIAS extract’s websites as schools’ mail domains', () => {
  it('takes a website under sch.uk as the school’s mail domain, and no shared host', () => {
    const schools = readGiasSchools(
      [
        HEADER,
        school('119300', 'www.brookside.lancs.sch.uk'),
        school('119301', 'https://brookside-high.primarysite.net/'),
        school('119302', 'http://www.lancashire.gov.uk/schools/hillside'),
        school('119303', 'sites.google.com/view/oakfield'),
        school('119304', ''),
        // The county's own site under sch.uk: every Lancashire school's name is beneath it.
        school('119305', 'http://www.lancs.sch.uk/'),
        school('119306', 'blackpool.sch.uk'),
      ].join('\n'),
      'Lancashire',
    );
    expect(Object.fromEntries(schools.map((s) => [s.urn, s.domains]))).toEqual({
      '119300': ['brookside.lancs.sch.uk'],
      '119301': [],
      '119302': [],
      '119303': [],
      '119304': [],
      '119305': [],
      '119306': [],
    });
  });
});

describe('a GIAS extract’s towns', () => {
  it('keeps the town where the extract gives one, to tell apart schools of one name', () => {
    const header =
      'URN,LA (name),EstablishmentName,TypeOfEstablishment (name),PhaseOfEducation (name),Town';
    const schools = readGiasSchools(
      [
        header,
        '119420,Lancashire,St Mary’s Catholic Primary School,Voluntary aided school,Primary,Chorley',
        '119421,Lancashire,St Mary’s Catholic Primary School,Voluntary aided school,Primary, Clitheroe ',
        '119422,Lancashire,Hillside Primary School,Community school,Primary,',
      ].join('\n'),
      'Lancashire',
    );
    expect(schools.map((s) => [s.urn, s.town])).toEqual([
      ['119420', 'Chorley'],
      ['119421', 'Clitheroe'],
      ['119422', undefined],
    ]);
  });
});
