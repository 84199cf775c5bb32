import { type SchoolDetails, type SchoolPhase } from '../directory-events';
import { sharedDomainProblem } from '../people/school-domain-rule';
import { URN_PATTERN } from '../urn';
import { byLine, ImportRefused, readCsv, type RowProblem } from './csv-rows';

/** The columns of the DfE "Get Information About Schools" establishment extract that we read. */
export const GIAS_COLUMNS = {
  urn: 'URN',
  name: 'EstablishmentName',
  type: 'TypeOfEstablishment (name)',
  phase: 'PhaseOfEducation (name)',
  localAuthority: 'LA (name)',
  town: 'Town',
  pupils: 'NumberOfPupils',
  website: 'SchoolWebsite',
  status: 'EstablishmentStatus (name)',
} as const;

const PHASES: Record<string, SchoolPhase> = {
  nursery: 'nursery',
  primary: 'primary',
  'middle deemed primary': 'middle',
  'middle deemed secondary': 'middle',
  secondary: 'secondary',
  'all-through': 'all-through',
  '16 plus': '16-plus',
  'not applicable': 'not-applicable',
};

/**
 * The mail domain a school's website names, only where the domain can be nobody else's: one under
 * sch.uk, which is registered to schools alone. Many schools' sites sit on a host they share (a
 * website company's, a council's, a Google site), whose every address would otherwise be taken as
 * the school's staff and sent sign-in links; an administrator registers such a school's domain.
 */
function domainOf(website: string | undefined): string[] {
  if (!website) return [];
  try {
    const host = new URL(
      /^https?:\/\//i.test(website) ? website : `http://${website}`,
    ).hostname.toLowerCase();
    const domain = host.replace(/^www\./, '');
    // Under sch.uk, and a school's own name there: a council's own (lancs.sch.uk) is many schools'.
    return /\.sch\.uk$/.test(domain) && !sharedDomainProblem(domain) ? [domain] : [];
  } catch {
    return [];
  }
}

/**
 * Reads schools from a GIAS extract. Every row is checked before anything is kept; one bad row
 * refuses the whole file, with every problem and its line number. Closed establishments are left
 * out.
 */
export function readGiasSchools(text: string, county: string): SchoolDetails[] {
  const { rows, problems: malformed } = readCsv(text, 'schools file', [
    GIAS_COLUMNS.urn,
    GIAS_COLUMNS.name,
    GIAS_COLUMNS.type,
    GIAS_COLUMNS.phase,
    GIAS_COLUMNS.localAuthority,
  ]);
  const problems: RowProblem[] = [...malformed];
  const schools: SchoolDetails[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of rows) {
    const urn = values[GIAS_COLUMNS.urn] ?? '';
    const name = values[GIAS_COLUMNS.name] ?? '';
    const type = values[GIAS_COLUMNS.type] ?? '';
    const localAuthority = values[GIAS_COLUMNS.localAuthority] ?? '';
    const phaseText = (values[GIAS_COLUMNS.phase] ?? '').toLowerCase();
    const pupilsText = values[GIAS_COLUMNS.pupils] ?? '';
    const rowProblems: string[] = [];
    if (!URN_PATTERN.test(urn)) rowProblems.push(`URN ${JSON.stringify(urn)} is not six digits`);
    else if (seen.has(urn))
      rowProblems.push(`URN ${urn} appears again (first on line ${seen.get(urn)})`);
    if (!name) rowProblems.push('EstablishmentName is empty');
    if (!type) rowProblems.push('TypeOfEstablishment (name) is empty');
    if (!localAuthority) rowProblems.push('LA (name) is empty');
    if (!(phaseText in PHASES))
      rowProblems.push(
        `PhaseOfEducation (name) ${JSON.stringify(values[GIAS_COLUMNS.phase])} is not a phase`,
      );
    if (pupilsText !== '' && !/^\d+$/.test(pupilsText))
      rowProblems.push(`NumberOfPupils ${JSON.stringify(pupilsText)} is not a whole number`);
    seen.set(urn, seen.get(urn) ?? line);
    if (rowProblems.length > 0) {
      problems.push(...rowProblems.map((problem) => ({ line, problem })));
      continue;
    }
    if ((values[GIAS_COLUMNS.status] ?? '').toLowerCase().startsWith('closed')) continue;
    const town = (values[GIAS_COLUMNS.town] ?? '').trim();
    schools.push({
      urn,
      name,
      type,
      phase: /special/i.test(type) ? 'special' : PHASES[phaseText],
      localAuthority,
      ...(town ? { town } : {}),
      inCounty: localAuthority.toLowerCase() === county.toLowerCase(),
      pupils: pupilsText === '' ? null : Number(pupilsText),
      emails: [],
      domains: domainOf(values[GIAS_COLUMNS.website]),
    });
  }
  if (problems.length > 0) throw new ImportRefused('schools file', byLine(problems));
  return schools;
}
