import { describeFile } from '@sg/attachments';
import nunjucks from 'nunjucks';
import { labelledByColumn } from './format/labelled-by-column';
import { formatPounds } from './format/money';
import {
  calendarDate,
  londonDate,
  londonDateTime,
  londonDayOrDateTime,
} from './format/london-time';
import { workingDaysLeftInWords } from './format/working-days-in-words';
import { wrongBoxClasses } from './format/wrong-box-classes';
import { viewsDirectories } from './views-directories';

/**
 * The Nunjucks environment every page is rendered with: autoescaped, reading our templates first
 * and then GOV.UK Frontend's and the Ministry of Justice frontend's components, with the filters
 * the pages use to write dates and working days the GOV.UK way.
 */
export function pagesEnvironment(options: { watch?: boolean } = {}): nunjucks.Environment {
  const environment = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([...viewsDirectories()], {
      noCache: options.watch === true,
    }),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  environment.addFilter('londonDate', londonDate);
  environment.addFilter('londonDateTime', londonDateTime);
  environment.addFilter('londonDayOrDateTime', londonDayOrDateTime);
  environment.addFilter('calendarDate', calendarDate);
  environment.addFilter('workingDaysLeft', workingDaysLeftInWords);
  // The MoJ timeline writes its dates through this filter; ours writes them in London time.
  environment.addFilter('mojDate', (instant: string, type?: string) =>
    type === 'date' ? londonDate(instant) : londonDateTime(instant),
  );
  environment.addFilter('pounds', formatPounds);
  environment.addFilter('fileDescription', describeFile);
  environment.addFilter('labelledByColumn', labelledByColumn);
  environment.addGlobal('wrongBoxClasses', wrongBoxClasses);
  // Plain text, escaped once where it is shown: a macro's output joined with `+` is escaped twice.
  environment.addFilter(
    'namedIn',
    (ids: readonly string[], names: Readonly<Record<string, string>>) =>
      ids.map((id) => names[id] ?? id).join(', '),
  );
  return environment;
}
