import { bearerToken } from './bearer-token';

describe('bearerToken', () => {
  it.each(['Bearer abc', 'bearer abc', 'BEARER abc', 'Bearer  abc', 'Bearer abc '])(
    'reads the token of %j',
    (header) => expect(bearerToken(header)).toBe('abc'),
  );

  it.each([
    undefined,
    '',
    'Basic abc',
    'Bearer',
    'Bearer ',
    'Bearerabc',
    'Bearer a b',
    'x Bearer abc',
  ])('finds none in %j', (header) => expect(bearerToken(header)).toBeNull());
});
