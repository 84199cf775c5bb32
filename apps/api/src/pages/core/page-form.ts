import { type Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { fieldRefused } from '../../http/field-refused';
import { type PageError } from './page-renderer';

/**
 * What a page says when a field is wrong, GOV.UK style: what to do, not what failed. `empty` when
 * nothing was given; `invalid` for anything else, else the validator's own message.
 */
export interface FieldMessages {
  readonly empty: string;
  readonly invalid?: string;
  /** `invalid` worded by what was given, where that says which part of the field is wrong. */
  readonly invalidAs?: (given: unknown) => string | null;
  /** The boxes of a field of several (a date's day, month, year) at fault; null: all of them. */
  readonly wrongParts?: (given: unknown) => readonly string[] | null;
}

export type FormMessages<Dto> = Partial<Record<keyof Dto & string, FieldMessages>> &
  Record<string, FieldMessages | undefined>;

export type FormCheck<Dto> =
  { readonly ok: true; readonly value: Dto } | { readonly ok: false; readonly errors: PageError[] };

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

const valueAt = (body: object, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (at, key) =>
        at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined,
      body,
    );

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function problems(
  errors: readonly ValidationError[],
  parent = '',
): { field: string; message: string; rules: readonly string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints
      ? [
          {
            field,
            message: pageWording(error.constraints),
            rules: Object.keys(error.constraints),
          },
        ]
      : [];
    return [...own, ...problems(error.children ?? [], field)];
  });
}

/**
 * What a text's own characters broke, said as such rather than as a field's usual `invalid` (its
 * length): a 26-letter summary with a line break was told it was over 200 characters. The field
 * is named as its `invalid` names it ("Summary must be …").
 */
function characterWording(rules: readonly string[], invalid: string | undefined): string | null {
  const named = invalid?.match(/^(.+?) must /)?.[1] ?? 'This';
  if (rules.includes('maxLength')) return null;
  if (rules.includes('isOneLine')) return `${named} must be one line: remove the line breaks`;
  if (rules.includes('hasNoControlCharacters') || rules.includes('isWellFormedText'))
    return `${named} has a character in it that cannot be shown, perhaps pasted from another program: remove it, or type the text again`;
  return null;
}

/**
 * A constraint's message in the GOV.UK pattern where the validator's own is a programmer's
 * ("text must be shorter than or equal to 10000 characters"); otherwise the first message.
 */
function pageWording(constraints: Record<string, string>): string {
  const longest = constraints.maxLength?.match(/(\d+) characters/)?.[1];
  if (longest) return `Enter ${Number(longest).toLocaleString('en-GB')} characters or fewer`;
  return Object.values(constraints)[0];
}

/** The id a field's input has on the page: `contact.name` is `contact-name`. */
export const fieldId = (field: string) => field.replace(/\./g, '-');

/**
 * Checks a page's form, already shaped as the API's body, with the same DTO and the same rules as
 * the API, and words each problem for the page, linked to its field.
 */
export async function checkForm<Dto extends object>(
  dto: Type<Dto>,
  body: object,
  messages: FormMessages<Dto> = {},
): Promise<FormCheck<Dto>> {
  const value = plainToInstance(dto, body);
  const errors = await validate(value, {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
  });
  if (errors.length === 0) return { ok: true, value };
  const seen = new Set<string>();
  const list: PageError[] = [];
  for (const { field, message, rules } of problems(errors)) {
    if (seen.has(field)) continue;
    seen.add(field);
    const worded = messages[field];
    const given = valueAt(body, field);
    const text = worded
      ? isEmpty(given)
        ? worded.empty
        : (characterWording(rules, worded.invalid) ??
          worded.invalidAs?.(given) ??
          worded.invalid ??
          capitalised(message))
      : capitalised(message);
    const parts = worded && !isEmpty(given) ? worded.wrongParts?.(given) : null;
    list.push({ text, href: `#${fieldId(field)}`, ...(parts?.length ? { parts } : {}) });
  }
  return { ok: false, errors: list };
}

/** A message as a sentence: ended with a full stop unless it ends as a sentence already. */
export const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/**
 * Errors by field id, for each field's own error message beside it, with the boxes to mark when
 * only some of the field's are at fault.
 */
export function errorsByField(
  errors: readonly PageError[],
): Record<string, { text: string; parts?: readonly string[] }> {
  const byField: Record<string, { text: string; parts?: readonly string[] }> = {};
  for (const error of errors) {
    const field = error.href.slice(1);
    const before = byField[field]?.text;
    // Several refusals of one field (files chosen together) are all said beside it, in order.
    byField[field] = before
      ? { text: `${sentence(before)} ${error.text}` }
      : { text: error.text, ...(error.parts ? { parts: error.parts } : {}) };
  }
  return byField;
}

/**
 * A form field as text ('' when absent). No page sends a text field twice or as a list (`q[]=a`):
 * such a post is hand-made, and is refused naming the field, as the API refuses it, rather than
 * taken as one of its values.
 */
export function textField(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  if (value === undefined) return '';
  if (typeof value !== 'string') throw fieldRefused(name, `${name} must be given once, as text`);
  return lineBreaksAsNewlines(value);
}

/**
 * A query parameter that chooses what a page shows, given once as text ('' when not given); null
 * when it came in another shape (`period=a&period=b`, `period[]=a`): the page cannot tell which
 * was meant, and must say so rather than show something else.
 */
export function queryText(query: Record<string, unknown>, name: string): string | null {
  const value = query[name];
  const otherShape = Object.keys(query).some((key) => key.startsWith(`${name}[`));
  if (otherShape || (value !== undefined && typeof value !== 'string')) return null;
  return value ?? '';
}

/**
 * A query parameter that narrows what a page shows, undefined when not given (or given empty);
 * given twice or in another shape, refused naming it, as the API refuses it, rather than ignored
 * (which would show more than was asked for).
 */
export function optionalQueryText(
  query: Record<string, unknown>,
  name: string,
): string | undefined {
  const value = queryText(query, name);
  if (value === null) throw fieldRefused(name, `${name} must be given once, as text`);
  return value === '' ? undefined : value;
}

/**
 * A browser sends each line break in a textarea as CR LF, two characters, where the page's
 * character count (and the person) counted one: a text at the limit by the count was refused.
 * Text pasted from Word, Outlook or PowerPoint brings its soft returns as vertical tabs or form
 * feeds, which the person sees as line breaks and which are read as such.
 */
const lineBreaksAsNewlines = (text: string) => text.replace(/\r\n?|[\v\f]/g, '\n');

/** A text field that may be left blank: blank is "not given". */
export function optionalTextField(form: Record<string, unknown>, name: string): string | undefined {
  const value = textField(form, name).trim();
  return value === '' ? undefined : value;
}

/** Checkboxes: none, one (a string) or several (an array). */
export function listField(form: Record<string, unknown>, name: string): string[] {
  const value = form[name];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}
