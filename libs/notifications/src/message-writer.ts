import { formatPounds } from '@sg/complaints';
import { DateTime } from 'luxon';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import nunjucks from 'nunjucks';
import { type NotificationKind } from './notification';

/** A message as it is sent: its subject, its words, and the same words as HTML. */
export interface WrittenMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** A run of one line of a paragraph: words, or the complaint's link. */
type Part = { readonly text: string } | { readonly link: string };

const TEMPLATES = join('libs', 'notifications', 'templates');

/**
 * Templates are not compiled, so they are found from the project's root, which sits a different
 * number of levels above this file in the sources (tests) and in dist (the built app).
 */
function templatesFolder(from: string = __dirname): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, TEMPLATES))) return join(folder, TEMPLATES);
    if (dirname(folder) === folder)
      throw new Error(`No ${TEMPLATES} above ${from}: the notifications' templates are missing`);
  }
}

/** A date (`2026-05-15`) or an instant, as London says it: "Friday 15 May 2026". */
export const longDate = (date: string): string =>
  DateTime.fromISO(date, { zone: 'Europe/London' }).toFormat('cccc d LLLL yyyy');

function environment(folder: string, autoescape: boolean): nunjucks.Environment {
  const made = new nunjucks.Environment(new nunjucks.FileSystemLoader(folder), {
    autoescape,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  made.addFilter('longDate', longDate);
  made.addFilter('pounds', formatPounds);
  return made;
}

/** Lines without trailing spaces, and never more than one blank line between paragraphs. */
const tidy = (lines: readonly string[]) =>
  lines
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/**
 * Writes each kind of message from its template in libs/notifications/templates, once: the
 * template's first line is the subject and the rest the plain text. The HTML is those same
 * paragraphs, escaped, in one shared layout that makes the complaint's link an anchor, so the two
 * never say different things.
 */
export class MessageWriter {
  private readonly text: nunjucks.Environment;
  private readonly html: nunjucks.Environment;
  private readonly baseUrl: string;

  /** `publicUrl`: where people reach the engine (PUBLIC_URL, or this machine in development). */
  constructor(publicUrl: string, folder: string = templatesFolder()) {
    this.baseUrl = publicUrl.replace(/\/+$/, '');
    // Plain text is not HTML: a school that writes "Smith & Sons" reads "Smith & Sons".
    this.text = environment(folder, false);
    this.html = environment(folder, true);
  }

  /** The complaint's page, the one link every message about it carries. */
  complaintLink(complaintId: string): string {
    return `${this.baseUrl}/complaints/${complaintId}`;
  }

  write(kind: NotificationKind, link: string, context: Record<string, unknown>): WrittenMessage {
    const [subject, ...body] = this.text
      .render(`${kind}.njk`, { ...context, link })
      .trimStart()
      .split('\n');
    const text = tidy(body);
    const paragraphs = text
      .split('\n\n')
      .map((paragraph) => paragraph.split('\n').map((line) => partsOf(line, link)));
    const html = this.html
      .render('_layout.html.njk', { subject: subject.trim(), paragraphs })
      .trimStart();
    return { subject: subject.trim(), text, html };
  }
}

function partsOf(line: string, link: string): Part[] {
  const parts: Part[] = [];
  line.split(link).forEach((text, i) => {
    if (i > 0) parts.push({ link });
    if (text) parts.push({ text });
  });
  return parts;
}
