import { WHAT_MAY_BE_SENT } from '@sg/attachments';
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

/** What longDate has said, by what it was given; emptied when it grows past LONG_DATES_KEPT. */
const longDates = new Map<string, string>();
const LONG_DATES_KEPT = 1000;

/**
 * A date (`2026-05-15`) or an instant, as London says it: "Friday 15 May 2026". Luxon took about
 * 50 µs a call (a zoned DateTime and its formatter built each time), a third of planning a lodge's
 * two messages; the dates a day's messages give are few (the same due date for every complaint
 * lodged that day), so each is worked out once.
 */
export function longDate(date: string): string {
  let said = longDates.get(date);
  if (said === undefined) {
    said = DateTime.fromISO(date, { zone: 'Europe/London' }).toFormat('cccc d LLLL yyyy');
    if (longDates.size >= LONG_DATES_KEPT) longDates.clear();
    longDates.set(date, said);
  }
  return said;
}

function environment(folder: string, autoescape: boolean): nunjucks.Environment {
  const made = new nunjucks.Environment(new nunjucks.FileSystemLoader(folder), {
    autoescape,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  made.addFilter('longDate', longDate);
  made.addFilter('pounds', formatPounds);
  // The attachment rules' own words, so a message never promises less or more than they take.
  made.addGlobal('whatMayBeSent', WHAT_MAY_BE_SENT);
  return made;
}

/** Lines without trailing spaces, and never more than one blank line between paragraphs. */
const tidy = (lines: readonly string[]) =>
  lines
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** Text as HTML, by the very function nunjucks' autoescape calls (its typings leave it out). */
const escapeHtml = (nunjucks.lib as unknown as { escape(this: void, text: string): string }).escape;

/**
 * The plain text's paragraphs as HTML: each escaped, its lines kept, the complaint's link made an
 * anchor. Built here, not by loops in the layout: nunjucks sets seven loop variables on every
 * turn of a loop (each name split on its dots), which made the layout's three nested loops over
 * paragraphs, lines and their runs cost more than writing the message itself.
 */
function paragraphsHtml(text: string, link: string): string {
  const anchor = `<a href="${escapeHtml(link)}" style="color: #1d70b8;">${escapeHtml(link)}</a>`;
  return text
    .split('\n\n')
    .map(
      (paragraph) =>
        `<p style="margin: 0 0 20px 0;">${paragraph
          .split('\n')
          .map((line) => line.split(link).map(escapeHtml).join(anchor))
          .join('<br>')}</p>`,
    )
    .join('\n');
}

/**
 * Writes each kind of message from its template in libs/notifications/templates, once: the
 * template's first line is the subject and the rest the plain text. The HTML is those same
 * paragraphs, escaped, with the complaint's link an anchor (paragraphsHtml), in one shared layout,
 * so the two never say different things.
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
    const html = this.html
      .render('_layout.html.njk', {
        subject: subject.trim(),
        paragraphs: new nunjucks.runtime.SafeString(paragraphsHtml(text, link)),
      })
      .trimStart();
    return { subject: subject.trim(), text, html };
  }
}
