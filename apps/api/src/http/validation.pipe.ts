import {
  type ArgumentMetadata,
  BadRequestException,
  type ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { fieldRefused } from './field-refused';

interface FieldProblem {
  readonly field: string;
  readonly messages: string[];
}

/** Checks of what a value is, as class-validator names them: when one fails, it is the problem. */
const KIND_CHECKS = new Set([
  'isInt',
  'isNumber',
  'isString',
  'isBoolean',
  'isArray',
  'isObject',
  'isDateString',
  'isISO8601',
]);

/**
 * A field's problems as said once each: what it should be, when it is not even that (a number
 * sent as text is told it must be a number, not that it is below the minimum), else every rule
 * it breaks.
 */
function messagesOf(constraints: Record<string, string>): string[] {
  const failed = Object.entries(constraints);
  const kind = failed.filter(([name]) => KIND_CHECKS.has(name));
  return [...new Set((kind.length > 0 ? kind : failed).map(([, message]) => message))];
}

function flatten(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: messagesOf(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Nest's pipe, but a route that takes the whole body always gets an object. A request with no
 * body, or outside the API one of a type no parser there reads (anything but a form), leaves the
 * body undefined; Nest makes that `{}` for a DTO it validates, but hands a plain
 * `Record<string, unknown>` (the sign-in link's pages read their forms so) undefined, and reading a
 * field of it threw, answered 500. Now it is an empty form, refused for what it lacks.
 */
class BodyAlwaysObjectValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const wholeBody = metadata.type === 'body' && metadata.data === undefined;
    // A query a DTO reads takes each field once: `?limit=1&limit=2` says which it means of neither.
    const repeated =
      metadata.type === 'query' &&
      metadata.data === undefined &&
      metadata.metatype !== undefined &&
      metadata.metatype !== Object &&
      typeof value === 'object' &&
      value !== null
        ? Object.keys(value).find((name) => Array.isArray((value as Record<string, unknown>)[name]))
        : undefined;
    if (repeated !== undefined) throw fieldRefused(repeated, `${repeated} must be given once`);
    const field = prototypeKeyIn(value);
    if (field !== null) throw fieldRefused(field, `property ${field} should not exist`);
    return super.transform(wholeBody && value === undefined ? {} : value, metadata);
  }
}

/**
 * Names class-transformer drops without a word, so `forbidNonWhitelisted` never sees them: every
 * name an object inherits (`toString`, `hasOwnProperty`, `__proto__`, `constructor`…), whose
 * inherited value is a function it will not overwrite, and `prototype`.
 */
const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** The first field anywhere in `value` named like a prototype's, as a path; null if none. */
function prototypeKeyIn(value: unknown, parent = ''): string | null {
  if (typeof value !== 'object' || value === null) return null;
  for (const key of Object.keys(value)) {
    const field = parent ? `${parent}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) return field;
    const inner = prototypeKeyIn((value as Record<string, unknown>)[key], field);
    if (inner !== null) return inner;
  }
  return null;
}

/**
 * Every body is checked at the edge: unknown fields are refused, values converted only where the
 * DTO says so, and every problem names its field (`contact.email`, not "validation failed").
 */
export const apiValidationPipe = new BodyAlwaysObjectValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => {
    const problems = flatten(errors);
    return new BadRequestException({
      code: 'VALIDATION_FAILED',
      message: problems.map((p) => p.messages.join('; ')).join('; '),
      errors: problems,
    });
  },
});
