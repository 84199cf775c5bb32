import fc from 'fast-check';
import { CONTRACT, OTHER_SCHOOL, SCHOOL } from '../../support/complaints-app';
import { type Schema } from './openapi-operations';

/**
 * Values that name something in the test app's directory, for text fields whose pattern a
 * schema does not say: with them a good request gets past the directory lookups too.
 */
const KNOWN_WORDS = [SCHOOL, OTHER_SCHOOL, CONTRACT, 'schools-hr', 'music-service', 'hr-manager'];

/**
 * Ids the run has made (complaints, their references, reimbursement proposals): the test adds
 * them as it learns them, and text and UUID fields draw on them when they are generated.
 */
export const knownIds: string[] = [];
const knownId: fc.Arbitrary<string> = fc
  .nat()
  .map((index) => (knownIds.length === 0 ? SCHOOL : knownIds[index % knownIds.length]));

/**
 * Values a hostile or careless client sends: valid ones from a route's own schema, the same with
 * fields missing, of the wrong type, too long, nested too deep or in odd forms, and anything at all.
 */

/** Characters that break things: lone surrogates, controls, direction marks, a BOM, astral ones. */
const NASTY_CHARACTERS = [
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\ufffd',
  '\uffff',
  '😀',
  'e\u0301',
  '𝔘',
  '"',
  '\\',
  '/',
  '%',
  '<',
  '>',
  '&',
  "'",
  '$',
  '{',
  '[',
  '\n',
  '\r',
  '\t',
];

/** One character of hostile text: mostly ASCII, often something nasty, sometimes any code point. */
const hostileCharacter: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_CHARACTERS) },
  // Any code point, surrogate halves included: String.fromCodePoint(0xd800) is a lone surrogate.
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  },
);

export const hostileText = (maxLength = 40): fc.Arbitrary<string> =>
  fc.string({ unit: hostileCharacter, maxLength });

/**
 * Stands for arrays or objects nested `depth` deep, written out only when the body is serialised
 * (see `expandDeepNesting`): thousands of levels would overflow fast-check's printer and shrinker.
 */
export const deepMarker = (depth: number, kind: 'arrays' | 'objects') =>
  `\u0000deep:${depth}:${kind}\u0000`;

const DEEP_MARKER = /"\\u0000deep:(\d+):(arrays|objects)\\u0000"/g;

/** JSON text with each marker replaced by the nesting it stands for. */
export const expandDeepNesting = (json: string): string =>
  json.replace(DEEP_MARKER, (_marker, depth: string, kind: string) => {
    const levels = Number(depth);
    return kind === 'arrays'
      ? `${'['.repeat(levels)}${']'.repeat(levels)}`
      : `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  });

/** Nesting past anything a body needs, deep enough to overflow a recursive walk. */
const veryDeep: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(33, 1_000, 3_000, 10_000, 15_000, 40_000),
    fc.constantFrom<'arrays' | 'objects'>('arrays', 'objects'),
  )
  .map(([depth, kind]) => deepMarker(kind === 'objects' ? Math.min(depth, 15_000) : depth, kind));

/** Any JSON value, its strings hostile. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({
  maxDepth: 4,
  stringUnit: hostileCharacter,
});

/** Dates and instants in every form ISO 8601 allows and some it does not. */
export const oddDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '2025-04-17',
    '2025-04-17T10:00:00+01:00',
    '2025-04-17T09:00:00.000Z',
    '2025-04-17T09:00Z',
    '2025-W16-4',
    '2025-W01-1',
    '2025W164',
    '2025-107',
    '2025-001',
    '2025107',
    '20250417',
    '20250417T090000Z',
    '2025-02-29',
    '2024-02-29',
    '2025-02-31',
    '2025-13-01',
    '2025-00-10',
    '2025-04-00',
    '0000-01-01',
    '9999-12-31T23:59:59.999Z',
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00Z',
    '+002025-04-17',
    '2025-4-7',
    '2025-04-17T24:00:00Z',
    '2025-04-17T23:59:60Z',
    '2025-04-17T10:00:00',
    '2025-04-17T10:00:00+14:00',
    '2025-04-17T10:00:00-23:59',
    '2025-04-17T10:00:00+24:00',
    '2025-04-17T10:00:00+0100',
    '2025-04-17T10:00:00.123456789Z',
    '2025-04-17T10:00:00.1234567890Z',
    '2025-04-17T10:00:00,5Z',
    '2025-04-17t10:00:00z',
    '2025-04-17 10:00:00Z',
    '2025-04-17T10Z',
    '2025-04',
    '2025',
    '2025-Q2',
    'FY2025-26',
    'AY2025-26',
    'FY9999-00',
    'now',
    'today',
    'Thu, 17 Apr 2025 09:00:00 GMT',
    '1744880400000',
    '1744880400',
    '',
  ),
  fc
    .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
    .map((date) => date.toISOString()),
  fc
    .tuple(
      fc.integer({ min: 0, max: 99999 }),
      fc.integer({ min: -1, max: 60 }),
      fc.integer({ min: -1, max: 40 }),
    )
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
);

/** Reporting periods, of every shape parsePeriod reads, with numbers at and past the edges. */
const periodLike: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 13 }))
    .map(([y, m]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 5 }))
    .map(([y, q]) => `${String(y).padStart(4, '0')}-Q${q}`),
  fc
    .tuple(fc.constantFrom('FY', 'AY', 'fy', 'CY'), fc.integer({ min: 0, max: 9999 }), fc.boolean())
    .map(
      ([kind, y, next]) =>
        `${kind}${String(y).padStart(4, '0')}-${String((next ? y + 1 : y) % 100).padStart(2, '0')}`,
    ),
);

/**
 * Cursors: base64url JSON arrays such as the app hands out (instants and values), with parts of
 * the wrong kind, too many or too few; and base64url of things that are not arrays at all.
 */
const cursorLike: fc.Arbitrary<string> = fc
  .oneof(
    fc.array(
      fc.oneof(
        fc.constantFrom(
          '2025-04-17T09:00:00.000Z',
          '2025-02-31T09:00:00.000Z',
          '9999-12-31T23:59:59.999Z',
          '',
        ),
        fc.string({ maxLength: 10 }),
        fc.integer(),
        fc.constantFrom(1e308, -1e308, 0.5, -0, null, true, [], {}),
      ),
      { maxLength: 4 },
    ),
    anyJson,
  )
  .map((key) => Buffer.from(JSON.stringify(key) ?? 'null').toString('base64url'));

/** Long text, over the limits of fields (2,000, 5,000, 10,000) and sometimes over the body's. */
const longText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(65, 201, 1_001, 2_001, 5_001, 10_001, 60_000, 120_000),
    fc.constantFrom('x', 'é', '😀', '\uD800', '"', '\\'),
  )
  .map(([length, unit]) => unit.repeat(length));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: hostileText() },
  { weight: 2, arbitrary: oddDate },
  { weight: 1, arbitrary: periodLike },
  { weight: 1, arbitrary: cursorLike },
  { weight: 1, arbitrary: knownId },
  { weight: 1, arbitrary: longText },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\t\n',
      'null',
      'undefined',
      'true',
      '0',
      '-1',
      'NaN',
      '__proto__',
      'constructor',
      'toString',
      '../../etc/passwd',
      "' OR 1=1 --",
      '"; DROP TABLE events; --',
      '%00',
      '%',
      '${7*7}',
      '<script>alert(1)</script>',
      'a@b',
      'head@example.org',
      'x@localhost',
      '@@',
      'a'.repeat(64) + '@' + 'b'.repeat(255) + '.com',
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      'C202526-119300-schools-hr',
      '119300',
      'schools-hr',
    ),
  },
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1,
    0.5,
    1e-7,
    250,
    251,
    2 ** 31,
    2 ** 53,
    2 ** 53 + 2,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Keys that are dangerous to copy into an object. */
const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hostileText(12) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '',
      'actor',
      'at',
      'type',
      'complaintId',
      'revision',
    ),
  },
);

/** Arrays and objects nested around a value, from a few levels to past the limit of 32. */
export const deeplyNested = (inner: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc
    .tuple(inner, fc.integer({ min: 2, max: 40 }), fc.boolean(), fc.constantFrom('a', '__proto__'))
    .map(([value, depth, asArrays, key]) => {
      let nested: unknown = value;
      for (let level = 0; level < depth; level++) nested = asArrays ? [nested] : { [key]: nested };
      return nested;
    });

/** A value of the wrong kind for anything. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileKey, anyJson, { maxKeys: 3 }) },
  { weight: 1, arbitrary: deeplyNested(fc.constantFrom(1, 'x', null, {})) },
  { weight: 1, arbitrary: veryDeep },
  { weight: 1, arbitrary: anyJson },
);

const isNumeric = (schema: Schema) =>
  schema.type === 'number' ||
  schema.type === 'integer' ||
  schema.minimum !== undefined ||
  schema.maximum !== undefined;

/** A value the schema allows, as far as a schema says (patterns aside): what a good client sends. */
export function validFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if (isNumeric(schema)) {
    const min = Math.ceil(schema.minimum ?? 1);
    const max = Math.floor(schema.maximum ?? Math.max(min, 10_000));
    return fc.integer({ min, max: Math.max(min, max) });
  }
  if (schema.type === 'boolean') return fc.boolean();
  if (schema.type === 'array') {
    const items = schema.items ?? { type: 'string' };
    return fc.uniqueArray(validFor(items, depth + 1), {
      minLength: 1,
      maxLength: 3,
      selector: (value) => JSON.stringify(value),
    });
  }
  if (schema.properties && Object.keys(schema.properties).length > 0) {
    if (depth > 4) return fc.constant({});
    const required = new Set(schema.required ?? []);
    return fc.record(
      Object.fromEntries(
        Object.entries(schema.properties).map(([name, property]) => [
          name,
          validFor(property, depth + 1),
        ]),
      ),
      { requiredKeys: Object.keys(schema.properties).filter((name) => required.has(name)) },
    );
  }
  if (schema.type === 'object') return fc.constant({});
  switch (schema.format) {
    case 'date':
      return fc.constantFrom('2025-04-17', '2025-04-30', '2026-11-30');
    case 'date-time':
      return fc.constantFrom('2025-04-17T08:30:00Z', '2025-04-16T10:00:00+01:00');
    case 'uuid':
      return fc.oneof(knownId, fc.uuid());
    case 'email':
      return fc.constantFrom('head@brookside.lancs.sch.uk', 'jane.head@example.org');
  }
  const max = Math.min(schema.maxLength ?? 60, 60);
  const words = fc
    .string({
      unit: 'grapheme-ascii',
      minLength: Math.max(1, schema.minLength ?? 1),
      maxLength: max,
    })
    .filter((text) => text.trim() !== '');
  return fc.oneof(
    {
      weight: typeof schema.example === 'string' ? 12 : 0,
      arbitrary: fc.constant(String(schema.example)),
    },
    { weight: 4, arbitrary: fc.constantFrom(...KNOWN_WORDS) },
    { weight: 2, arbitrary: knownId },
    { weight: 1, arbitrary: oddDate },
    { weight: 1, arbitrary: periodLike },
    { weight: 1, arbitrary: cursorLike },
    { weight: 1, arbitrary: words },
  );
}

/**
 * A value the schema describes, often damaged: a field dropped, one of the wrong type, one too
 * many; and, inside, objects damaged the same way, all the way down.
 */
export function mutatedFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  const damagedWhole = fc.oneof(
    { weight: 3, arbitrary: hostileValue },
    // An array where the object (or the value) belongs.
    { weight: 1, arbitrary: validFor(schema, depth).map((value) => [value]) },
    { weight: 1, arbitrary: deeplyNested(validFor(schema, depth)) },
  );
  if (names.length === 0 || depth > 4) {
    const own = isNumeric(schema)
      ? hostileNumber
      : schema.type === 'array'
        ? fc.array(fc.oneof(validFor(schema.items ?? {}, depth + 1), hostileValue), {
            maxLength: 8,
          })
        : schema.format === 'date' || schema.format === 'date-time'
          ? oddDate
          : hostileString;
    // A good value with one bad character in it: what gets past a check of the shape (an email
    // address, a date) and trips whatever reads the text next.
    const spoilt = fc
      .tuple(validFor(schema, depth), fc.nat(), fc.constantFrom(...NASTY_CHARACTERS))
      .map(([value, at, bad]) => {
        if (typeof value !== 'string') return value;
        const cut = at % (value.length + 1);
        return `${value.slice(0, cut)}${bad}${value.slice(cut)}`;
      });
    return fc.oneof(
      { weight: 4, arbitrary: validFor(schema, depth) },
      { weight: 4, arbitrary: own },
      { weight: 3, arbitrary: spoilt },
      { weight: 2, arbitrary: damagedWhole },
    );
  }
  const required = new Set(schema.required ?? []);
  const field = (name: string) =>
    fc.oneof(
      { weight: 5, arbitrary: validFor(properties[name], depth + 1).map((v) => ({ v })) },
      { weight: 3, arbitrary: mutatedFor(properties[name], depth + 1).map((v) => ({ v })) },
      // Left out, whether it is required or not.
      { weight: required.has(name) ? 1 : 3, arbitrary: fc.constant(null) },
    );
  const build = (fields: readonly ({ v: unknown } | null)[], extra: Record<string, unknown>) => {
    const object: Record<string, unknown> = {};
    names.forEach((name, index) => {
      const chosen = fields[index];
      if (chosen) object[name] = chosen.v;
    });
    // defineProperty, so that a key `__proto__` is an own field as JSON.parse would make it.
    for (const [key, value] of Object.entries(extra))
      Object.defineProperty(object, key, { value, enumerable: true, writable: true });
    return object;
  };
  const noExtra = fc.constant({});
  const extra = fc.oneof(
    { weight: 3, arbitrary: noExtra },
    { weight: 1, arbitrary: fc.dictionary(hostileKey, hostileValue, { minKeys: 1, maxKeys: 2 }) },
  );
  // A good body with one thing wrong: the likeliest to get past all but one check.
  const oneFieldWrong = fc
    .tuple(
      fc.tuple(...names.map((name) => validFor(properties[name], depth + 1).map((v) => ({ v })))),
      fc.nat({ max: names.length - 1 }),
      fc.boolean(),
    )
    .chain(([fields, index, dropIt]) =>
      mutatedFor(properties[names[index]], depth + 1).map((v) => {
        const changed = [...fields] as ({ v: unknown } | null)[];
        changed[index] = dropIt ? null : { v };
        return build(changed, {});
      }),
    );
  const damagedObject = fc
    .tuple(fc.tuple(...names.map(field)), extra)
    .map(([fields, more]) => build(fields, more));
  return fc.oneof(
    { weight: 6, arbitrary: validFor(schema, depth) },
    { weight: depth === 0 ? 8 : 0, arbitrary: withMutations(validFor(schema, depth)) },
    { weight: depth === 0 ? 3 : 0, arbitrary: everywhere(validFor(schema, depth)) },
    { weight: 3, arbitrary: oneFieldWrong },
    { weight: 2, arbitrary: damagedObject },
    { weight: 1, arbitrary: damagedWhole },
  );
}

// --- mutations anywhere in a value ----------------------------------------------------------

type JsonPath = readonly (string | number)[];

/** Every place in a value, its root aside: each field and item, however deep. */
function placesIn(value: unknown, at: JsonPath = []): JsonPath[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => [[...at, index], ...placesIn(item, [...at, index])]);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, item]) => [
      [...at, key],
      ...placesIn(item, [...at, key]),
    ]);
  return [];
}

const DROP = Symbol('drop');

/** The value with what is at `path` replaced by `change(it)`, or removed for DROP. */
function changedAt(value: unknown, path: JsonPath, change: (it: unknown) => unknown): unknown {
  if (path.length === 0) return change(value);
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value] as unknown[];
    const changed = changedAt(copy[head as number], rest, change);
    if (changed === DROP) copy.splice(head as number, 1);
    else copy[head as number] = changed;
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const changed = changedAt(copy[head], rest, change);
  if (changed === DROP) delete copy[head];
  else Object.defineProperty(copy, head, { value: changed, enumerable: true, writable: true });
  return copy;
}

/** Characters to slip into good text: lone surrogates most of all, which JSON lets through. */
const spoiler = fc.oneof(
  fc.constantFrom('\uD800', '\uDFFF', '\uDBFF\uDBFF'),
  fc.constantFrom(...NASTY_CHARACTERS),
);

const mutation = fc.record({
  place: fc.nat(),
  kind: fc.constantFrom('replace', 'spoil', 'spoil', 'drop', 'wrap', 'extra', 'lengthen'),
  replacement: hostileValue,
  character: spoiler,
  position: fc.nat(),
  key: hostileKey,
});

/**
 * A value with a few things wrong at places chosen from all of its places, deep ones as likely as
 * shallow ones: a field replaced by something hostile, a bad character slipped into good text, a
 * field dropped, a value wrapped in an array, a field added, text made too long.
 */
export function withMutations(value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(value, fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([good, mutations]) =>
      mutations.reduce((current, { place, kind, replacement, character, position, key }) => {
        const places = placesIn(current);
        if (places.length === 0) return current;
        return changedAt(current, places[place % places.length], (it) => {
          switch (kind) {
            case 'replace':
              return replacement;
            case 'spoil': {
              if (typeof it !== 'string') return it;
              const cut = position % (it.length + 1);
              return `${it.slice(0, cut)}${character}${it.slice(cut)}`;
            }
            case 'drop':
              return DROP;
            case 'wrap':
              return [it];
            case 'extra':
              if (typeof it !== 'object' || it === null || Array.isArray(it)) return it;
              return Object.defineProperty({ ...it }, key, {
                value: replacement,
                enumerable: true,
                writable: true,
              });
            case 'lengthen':
              return typeof it === 'string' ? it.padEnd(10_001, it || 'x') : it;
          }
        });
      }, good),
    );
}

/** Each string in a value (keys aside), its leaves, or its objects, changed by `change`. */
function mapDeep(
  value: unknown,
  change: {
    text?: (it: string) => unknown;
    leaf?: (it: unknown) => unknown;
    object?: (it: Record<string, unknown>) => Record<string, unknown>;
  },
): unknown {
  if (Array.isArray(value)) return value.map((item) => mapDeep(item, change));
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      Object.defineProperty(copy, key, {
        value: mapDeep(item, change),
        enumerable: true,
        writable: true,
      });
    return change.object ? change.object(copy) : copy;
  }
  if (typeof value === 'string' && change.text) return change.text(value);
  return change.leaf ? change.leaf(value) : value;
}

/**
 * One thing wrong everywhere at once: every text with the same bad character in it, every leaf
 * the same hostile value or wrapped in an array, every object with a field too many. Validation
 * checks every field, so one request tries the bad thing on all of them.
 */
export function everywhere(value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      value,
      fc.constantFrom('spoil', 'spoil', 'replace', 'wrap', 'extra'),
      spoiler,
      fc.nat(),
      hostileValue,
      hostileKey,
    )
    .map(([good, kind, character, position, replacement, key]) => {
      switch (kind) {
        case 'spoil':
          return mapDeep(good, {
            text: (it) => {
              const cut = position % (it.length + 1);
              return `${it.slice(0, cut)}${character}${it.slice(cut)}`;
            },
          });
        case 'replace':
          return mapDeep(good, { text: () => replacement, leaf: () => replacement });
        case 'wrap':
          return mapDeep(good, { text: (it) => [it], leaf: (it) => [it] });
        case 'extra':
          return mapDeep(good, {
            object: (it) =>
              Object.defineProperty(it, key, {
                value: replacement,
                enumerable: true,
                writable: true,
              }),
          });
      }
    });
}
