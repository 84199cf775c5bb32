import fc from 'fast-check';
import { type Server } from 'node:http';
import { deflateSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import {
  anyJson,
  deeplyNested,
  expandDeepNesting,
  hostileString,
  hostileText,
  mutatedFor,
  validFor,
} from './hostile-values';
import { type Operation, type Parameter } from './openapi-operations';

/**
 * One request to one operation, as fast-check generates it: printable when it fails, and sent
 * byte for byte as described (only values drawn from the pool of real ids are looked up when it is
 * sent, since they are made as the run goes).
 */
export interface FuzzRequest {
  readonly method: string;
  readonly path: readonly PathPart[];
  /** The query string as sent, without its `?`. */
  readonly query: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: BodySpec;
  readonly encoding: EncodingSpec | null;
}

/** A literal piece of the path, or a real id from the pool (by index, wrapping round). */
export type PathPart = string | { readonly real: number } | { readonly complaint: number };

export type BodySpec =
  | { readonly none: true }
  | { readonly json: unknown }
  | { readonly form: Readonly<Record<string, string>> }
  | { readonly raw: string; readonly bytes?: 'latin1' };

export interface EncodingSpec {
  readonly header: string;
  /** Whether the body is really compressed, with gzip or deflate, or is a bomb that inflates big. */
  readonly compress: 'gzip' | 'deflate' | 'gzip-bomb' | null;
}

/** Ids that exist in the app: complaints lodged as the run goes, schools, contracts, people. */
export class RealIds {
  private readonly complaints: string[] = [];
  constructor(private readonly others: readonly string[]) {}

  addComplaint(id: string): void {
    if (!this.complaints.includes(id)) this.complaints.push(id);
    // The first few (lodged before the run, in known states) stay; the rest roll over.
    if (this.complaints.length > 40) this.complaints.splice(6, 1);
  }

  pick(part: Exclude<PathPart, string>): string {
    if ('complaint' in part) return this.complaints[part.complaint % this.complaints.length];
    const all = [...this.complaints, ...this.others];
    return all[part.real % all.length];
  }
}

/** A form token a request can send both in its cookie and in its body, so that the two match. */
const FORM_TOKEN = 'fuzz-form-token';

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

// --- text that survives the trip -----------------------------------------------------------

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes every byte of the UTF-8 (a lone surrogate becomes U+FFFD, as any client sends). */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => {
      const character = String.fromCharCode(byte);
      return UNRESERVED.test(character)
        ? character
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** Pieces of a URL written as no encoder would write them: Node's client still sends them. */
const rawUrlJunk = fc.constantFrom(
  '%',
  '%%',
  '%zz',
  '%0',
  '%00',
  '%C0%AF',
  '%E0%A4%A',
  '%ED%A0%80',
  '%FF%FE',
  '%2F',
  '%2e%2e',
  '%5C',
  '..',
  '.',
  '',
  ';x=1',
  '+',
  '[]',
  '[',
  ']',
  '=',
  '&',
  'a=b=c',
  '*',
  "!$'()*,",
  'x'.repeat(3000),
);

// --- path -----------------------------------------------------------------------------------

/** A path parameter: a real id, one its schema describes, or junk. */
const pathValue = (parameter: Parameter | undefined): fc.Arbitrary<PathPart> =>
  fc.oneof(
    { weight: 7, arbitrary: fc.nat({ max: 60 }).map((complaint) => ({ complaint })) },
    { weight: 4, arbitrary: fc.nat({ max: 60 }).map((real) => ({ real })) },
    {
      weight: parameter ? 4 : 0,
      arbitrary: validFor(parameter?.schema ?? {}).map((value) => percentEncode(String(value))),
    },
    { weight: 3, arbitrary: hostileString.map(percentEncode) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.uuid().map((id) => id.toUpperCase()) },
    { weight: 2, arbitrary: rawUrlJunk },
  );

function pathOf(operation: Operation): fc.Arbitrary<PathPart[]> {
  const pieces = operation.path.split(/(\{[^}]+\})/).filter((piece) => piece !== '');
  return fc.tuple(
    ...pieces.map((piece): fc.Arbitrary<PathPart> => {
      const name = /^\{(.+)\}$/.exec(piece)?.[1];
      if (name === undefined) return fc.constant(piece);
      return pathValue(operation.declaredPath.find((parameter) => parameter.name === name));
    }),
  );
}

// --- query ----------------------------------------------------------------------------------

const queryKeyForm = (name: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(percentEncode(name)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        `${name}[]`,
        `${name}[0]`,
        `${name}[a]`,
        `${name}[__proto__]`,
        `${name}[a][b][c][d][e][f][g]`,
        `${name}.a`,
        name.toUpperCase(),
      ),
    },
  );

const queryValue = (parameter: Parameter): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: validFor(parameter.schema).map((value) => percentEncode(String(value))),
    },
    {
      weight: 3,
      arbitrary: mutatedFor(parameter.schema).map((value) =>
        percentEncode(typeof value === 'string' ? value : (JSON.stringify(value) ?? '')),
      ),
    },
    { weight: 1, arbitrary: rawUrlJunk },
  );

function queryOf(operation: Operation): fc.Arbitrary<string> {
  const pair = (parameter: Parameter) =>
    fc
      .tuple(queryKeyForm(parameter.name), queryValue(parameter))
      .map(([key, value]) => [`${key}=${value}`]);
  // What a good client sends: some of the parameters, each with a value its schema allows.
  const good = fc.tuple(
    ...operation.query.map((parameter) =>
      fc.oneof(
        { weight: parameter.required ? 0 : 2, arbitrary: fc.constant([] as string[]) },
        {
          weight: 1,
          arbitrary: validFor(parameter.schema).map((value) => [
            `${percentEncode(parameter.name)}=${percentEncode(String(value))}`,
          ]),
        },
      ),
    ),
  );
  const damaged = fc.tuple(
    ...operation.query.map((parameter) =>
      fc.oneof(
        { weight: parameter.required ? 1 : 4, arbitrary: fc.constant([] as string[]) },
        { weight: 6, arbitrary: pair(parameter) },
        // The same key again (Express makes an array of it), or with no value at all.
        {
          weight: 1,
          arbitrary: fc
            .array(queryValue(parameter), { minLength: 2, maxLength: 4 })
            .map((values) => values.map((value) => `${percentEncode(parameter.name)}=${value}`)),
        },
        { weight: 1, arbitrary: fc.constantFrom([parameter.name], [`${parameter.name}=`]) },
      ),
    ),
  );
  const extra = fc.array(
    fc.oneof(
      fc
        .tuple(hostileText(12), hostileString)
        .map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`),
      rawUrlJunk,
      fc.constantFrom(
        '__proto__[polluted]=1',
        'constructor[prototype][polluted]=1',
        'a[1000000]=1',
        'a[]=1&a[]=2',
      ),
    ),
    { maxLength: 3 },
  );
  return fc
    .tuple(
      fc.oneof(good, damaged),
      fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: extra }),
      fc.boolean(),
    )
    .map(([pairs, extras, reversed]) => {
      const all = [...pairs.flat(), ...extras];
      return (reversed ? all.reverse() : all).join('&');
    });
}

// --- headers --------------------------------------------------------------------------------

/** What Node's client lets a header value hold: tab, printable ASCII and bytes 0x80 to 0xff. */
const headerCharacter = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('\t', '\u0080', '\u00ff', '\u00e9', '"', ',', ';', '=', '\\'),
  },
);
const headerJunk = fc.oneof(
  { weight: 30, arbitrary: fc.string({ unit: headerCharacter, maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom('', ' ', 'x'.repeat(1_000)) },
  // Past Node's 16 kB of header fields: Node answers 431 before Express sees the request.
  { weight: 1, arbitrary: fc.constant('x'.repeat(20_000)) },
);

export const PEOPLE = [
  'head',
  'other-head',
  'support',
  'hr-manager',
  'music-manager',
  'board-1',
  'board-2',
  'board-3',
  'finance',
  // Added by the fuzz test itself.
  'admin',
  'scrutiny',
];

/** A header sent in about `percent` of requests. */
const sometimes = (arbitrary: fc.Arbitrary<string>, percent: number) =>
  fc.oneof(
    { weight: 100 - percent, arbitrary: fc.constant(undefined) },
    { weight: percent, arbitrary },
  );

const actingPerson = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...PEOPLE) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'unknown',
      'HEAD',
      ' head',
      'head ',
      'admin',
      'system',
      'board-chair',
    ),
  },
  { weight: 1, arbitrary: headerJunk },
);

const contentType = fc.oneof(
  { weight: 50, arbitrary: fc.constant('application/json') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'application/json; charset=UTF-8',
      'application/json;charset="utf-8"',
      'APPLICATION/JSON',
      'application/json;',
      'application/json; charset',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'application/json; charset=""',
      'application/json; boundary=x; charset=utf-8',
      'application/json, text/plain',
      'application/merge-patch+json',
      'application/vnd.api+json',
      'application/*',
      '*/*',
      'text/json',
      'text/plain',
      'text/plain; charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=----x',
      'application/xml',
      'application/octet-stream',
      '',
      ';',
      '/',
      'json',
    ),
  },
  { weight: 1, arbitrary: headerJunk },
);

/** Pages outside the API post forms; they are sent JSON and the rest as well. */
const pageContentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/x-www-form-urlencoded') },
  { weight: 2, arbitrary: contentType },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'application/x-www-form-urlencoded; charset=utf-16',
      'application/x-www-form-urlencoded; charset=iso-8859-1',
      'multipart/form-data; boundary=x',
    ),
  },
);

const ifMatch = fc.oneof(
  fc.constantFrom(
    '"0"',
    '"1"',
    '"2"',
    '"3"',
    'W/"1"',
    '*',
    '"-1"',
    '""',
    '"1", "2"',
    '1',
    '"99999999999999999999999999"',
  ),
  headerJunk,
);

/** A few keys used again and again, so that retries (same request) and reuses (another) happen. */
const idempotencyKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('key-1', 'key-2', 'key-3') },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(200), 'x'.repeat(201), ' ') },
  { weight: 1, arbitrary: headerJunk },
);

const authorization = fc.oneof(
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'Bearer sgt_',
    'Bearer sgt__',
    'Bearer sgt_0_0',
    'Bearer sgt_00000000-0000-0000-0000-000000000000_AAAA',
    'Basic Og==',
    'Basic !!!',
    'Digest x',
  ),
  headerJunk.map((junk) => `Bearer ${junk}`),
  headerJunk,
);

const cookie = fc.oneof(
  fc.constantFrom(
    'sg-session=',
    'sg-session=x',
    'sg-session=%',
    'sg-session=%zz',
    '__Host-sg-session=x',
    'sg-session=a; sg-session=b',
    'sg-form=x',
    `sg-form=${FORM_TOKEN}`,
    `__Host-sg-form=${FORM_TOKEN}`,
    '=',
    ';;;',
    'a',
  ),
  headerJunk.map((junk) => `sg-session=${junk}`),
  headerJunk,
);

const contentEncoding: fc.Arbitrary<EncodingSpec> = fc.oneof(
  fc.record({
    header: fc.constantFrom('gzip', 'deflate', 'GZIP', ' gzip '),
    compress: fc.constantFrom('gzip', 'deflate', 'gzip-bomb', null),
  }),
  fc.record({
    header: fc.oneof(
      fc.constantFrom('identity', 'br', 'zstd', 'compress', 'gzip, gzip', 'x-gzip', ''),
      headerJunk,
    ),
    compress: fc.constant(null),
  }),
);

const KNOWN = new Set([
  'x-acting-person',
  'content-type',
  'content-encoding',
  'if-match',
  'idempotency-key',
  'authorization',
  'cookie',
  'x-correlation-id',
]);

// Names Node or the client give a meaning of their own: changing them makes the client hang or
// refuse, which tests nothing of the app.
const FRAMING_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'host',
  'connection',
  'expect',
  'upgrade',
  'te',
  'trailer',
  'keep-alive',
]);
const headerName = fc
  .string({
    unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz-_0123456789!#$%&'*+.^`|~".split('')),
    minLength: 1,
    maxLength: 20,
  })
  .filter((name) => !FRAMING_HEADERS.has(name) && !KNOWN.has(name));

function headersOf(operation: Operation): fc.Arbitrary<Record<string, string>> {
  // Headers the document declares beyond those fuzzed here: junk or nothing.
  const declared = operation.headers.filter(
    (parameter) => !KNOWN.has(parameter.name.toLowerCase()),
  );
  return fc
    .record({
      'X-Acting-Person': sometimes(actingPerson, 95),
      'Content-Type': sometimes(isApiPath(operation.path) ? contentType : pageContentType, 95),
      'If-Match': sometimes(ifMatch, 10),
      'Idempotency-Key': sometimes(idempotencyKey, 25),
      Authorization: sometimes(authorization, 10),
      Cookie: sometimes(cookie, 10),
      'X-Correlation-Id': sometimes(headerJunk, 10),
      declared: fc.tuple(
        ...declared.map((parameter) =>
          sometimes(headerJunk, 50).map((value) => [parameter.name, value] as const),
        ),
      ),
      extra: fc.oneof(
        { weight: 8, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: fc.dictionary(headerName, headerJunk, { maxKeys: 2 }) },
      ),
    })
    .map(({ declared: declaredValues, extra, ...known }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(known))
        if (value !== undefined) headers[name] = value;
      for (const [name, value] of declaredValues) if (value !== undefined) headers[name] = value;
      for (const [name, value] of Object.entries(extra)) headers[name] = value;
      return headers;
    });
}

// --- body -----------------------------------------------------------------------------------

const rawBody: fc.Arbitrary<BodySpec> = fc.oneof(
  fc
    .constantFrom(
      '',
      ' ',
      '{',
      '{"a":',
      '[1,]',
      '{"a":1,}',
      'null',
      'true',
      '"x"',
      '0',
      '1e999',
      '-1e999',
      '-0',
      '123456789012345678901234567890',
      '\ufeff{}',
      '{"a":1,"a":2}',
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '{"a":"\\ud800"}',
      '{"a":"\\u0000"}',
      '{"a":"\\x41"}',
      "{'a':1}",
      '{a:1}',
      'NaN',
      '['.repeat(5_000),
      '{"a":'.repeat(3_000),
      `${'['.repeat(32)}${']'.repeat(32)}`,
      `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
      `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
      `{"contact":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
      `${'['.repeat(33)}${']'.repeat(33)}`,
      `${'{"a":'.repeat(33)}1${'}'.repeat(33)}`,
      `"${'\\\\'.repeat(10)}[[[["`,
      'a=1&b=2',
      '<?xml version="1.0"?><a/>',
      `{"a":"${'x'.repeat(110_000)}"}`,
      `[${'1,'.repeat(60_000)}1]`,
    )
    .map((raw): BodySpec => ({ raw })),
  // Bytes that are not UTF-8.
  fc
    .constantFrom('{"a":"\u00ff\u00fe"}', '\u00ff\u00fe{\u0000}', '{"a":"\u00c0\u00af"}')
    .map((raw): BodySpec => ({ raw, bytes: 'latin1' })),
  // JSON with a lone surrogate written raw, not escaped: what no JSON encoder makes.
  hostileText(20).map((text): BodySpec => ({ raw: `{"summary":"${text.replace(/["\\]/g, '')}"}` })),
);

/**
 * Field names forms and sign-in bodies use, for routes whose fields no schema names: with them
 * some requests get past "which field?" to what reads the field.
 */
const FIELD_NAMES = ['token', 'formToken', 'password', 'email', 'code', 'recoveryCode'];

/** Fields for a route without a schema: likely names and hostile ones, good values and junk. */
const looseFields: fc.Arbitrary<Record<string, string>> = fc
  .array(
    fc.tuple(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...FIELD_NAMES) },
        { weight: 1, arbitrary: hostileText(12) },
      ),
      fc.oneof(
        { weight: 2, arbitrary: fc.constant(FORM_TOKEN) },
        { weight: 2, arbitrary: validFor({ type: 'string' }).map(String) },
        { weight: 3, arbitrary: hostileString },
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => {
    const fields: Record<string, string> = {};
    for (const [name, value] of pairs)
      Object.defineProperty(fields, name, { value, enumerable: true, writable: true });
    return fields;
  });

function bodyOf(operation: Operation): fc.Arbitrary<BodySpec> {
  const none = fc.constant<BodySpec>({ none: true });
  const schemaless =
    !operation.body?.properties || Object.keys(operation.body.properties).length === 0;
  const arbitrary = fc.oneof(
    { weight: 2, arbitrary: anyJson.map((json): BodySpec => ({ json })) },
    { weight: 1, arbitrary: deeplyNested(fc.constant({})).map((json): BodySpec => ({ json })) },
    { weight: 2, arbitrary: rawBody },
  );
  if (!operation.body) return fc.oneof({ weight: 8, arbitrary: none }, { weight: 2, arbitrary });
  if (schemaless)
    return fc.oneof(
      {
        weight: isApiPath(operation.path) ? 1 : 10,
        arbitrary: looseFields.map((form): BodySpec => ({ form })),
      },
      { weight: 6, arbitrary: looseFields.map((json): BodySpec => ({ json })) },
      { weight: 3, arbitrary },
      { weight: 1, arbitrary: none },
    );
  return fc.oneof(
    { weight: 20, arbitrary: mutatedFor(operation.body).map((json): BodySpec => ({ json })) },
    { weight: 3, arbitrary },
    { weight: 1, arbitrary: none },
  );
}

/** Every part of a request to this operation, fuzzed. */
export function fuzzRequestOf(operation: Operation): fc.Arbitrary<FuzzRequest> {
  return fc.record({
    method: fc.constant(operation.method),
    path: pathOf(operation),
    query: fc.oneof(
      { weight: 1, arbitrary: fc.constant('') },
      { weight: 3, arbitrary: queryOf(operation) },
    ),
    headers: headersOf(operation),
    body: bodyOf(operation),
    encoding: fc.oneof(
      { weight: 30, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: contentEncoding },
    ),
  });
}

// --- sending --------------------------------------------------------------------------------

export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | null;
}

function bodyBytes(body: BodySpec): Buffer | null {
  if ('none' in body) return null;
  if ('json' in body)
    return Buffer.from(expandDeepNesting(JSON.stringify(body.json) ?? 'null'), 'utf8');
  if ('form' in body)
    return Buffer.from(
      Object.entries(body.form)
        .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
        .join('&'),
      'utf8',
    );
  return Buffer.from(body.raw, body.bytes ?? 'utf8');
}

function encoded(bytes: Buffer | null, encoding: EncodingSpec | null): Buffer | null {
  if (!encoding) return bytes;
  switch (encoding.compress) {
    case 'gzip':
      return gzipSync(bytes ?? Buffer.alloc(0));
    case 'deflate':
      return deflateSync(bytes ?? Buffer.alloc(0));
    case 'gzip-bomb':
      return gzipSync(Buffer.alloc(5_000_000, 0x20));
    case null:
      return bytes;
  }
}

/** The request as it goes on the wire: real ids looked up, the body serialised and encoded. */
export function resolve(fuzz: FuzzRequest, ids: RealIds): SentRequest {
  const path = fuzz.path
    .map((part) => (typeof part === 'string' ? part : percentEncode(ids.pick(part))))
    .join('');
  const headers = { ...fuzz.headers };
  if (fuzz.encoding) headers['Content-Encoding'] = fuzz.encoding.header;
  return {
    method: fuzz.method,
    url: fuzz.query === '' ? path : `${path}?${fuzz.query}`,
    headers,
    body: encoded(bodyBytes(fuzz.body), fuzz.encoding),
  };
}

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'options' | 'head';

export async function send(server: Server, sent: SentRequest): Promise<Answer> {
  let test = request(server)[sent.method.toLowerCase() as Method](sent.url).timeout(15_000);
  for (const [name, value] of Object.entries(sent.headers)) test = test.set(name, value);
  // The bytes as they are: superagent would otherwise serialise a Buffer as JSON of its bytes.
  if (sent.body !== null)
    test = test.serialize((bytes: Buffer) => bytes as unknown as string).send(sent.body);
  // Whatever the app answers, as text: a JSON parser in the client must not decide what we see.
  const response = await test.buffer(true).parse((res, callback) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => callback(null, Buffer.concat(chunks).toString('utf8')));
  });
  return {
    status: response.status,
    headers: response.headers,
    text: response.body as string,
  };
}

/** The request as a reader can replay it: long values cut down to their start and length. */
export function describeRequest(sent: SentRequest): string {
  const cut = (text: string) =>
    text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text;
  const body =
    sent.body === null
      ? '(no body)'
      : sent.headers['Content-Encoding']
        ? `(${sent.body.length} bytes, Content-Encoding ${sent.headers['Content-Encoding']})`
        : cut(sent.body.toString('utf8'));
  return [
    `${sent.method} ${cut(sent.url)}`,
    ...Object.entries(sent.headers).map(
      ([name, value]) => `${name}: ${cut(JSON.stringify(value))}`,
    ),
    '',
    body,
  ].join('\n');
}
