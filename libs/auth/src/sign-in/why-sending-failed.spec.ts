import { whySendingFailed } from './why-sending-failed';

describe('whySendingFailed', () => {
  it('gives the mail server’s reply codes, from the error or the transport’s error it wraps, never the words that quote the address', () => {
    const refused = Object.assign(new Error('550 5.1.1 <bursar@brookside.example> User unknown'), {
      code: 'EENVELOPE',
      responseCode: 550,
      response: '550 5.1.1 <bursar@brookside.example> User unknown',
    });
    expect(whySendingFailed(refused)).toBe('EENVELOPE 550 5.1.1');
    const wrapped = new Error('the mail server refused the message for good', { cause: refused });
    expect(whySendingFailed(wrapped)).toBe('EENVELOPE 550 5.1.1');
    expect(whySendingFailed(wrapped)).not.toContain('bursar');
  });

  it('gives the transport’s code when no server answered, and the error’s name when nothing else', () => {
    expect(whySendingFailed(Object.assign(new Error('connect'), { code: 'ESOCKET' }))).toBe(
      'ESOCKET',
    );
    expect(whySendingFailed(new TypeError('x'))).toBe('TypeError');
    expect(whySendingFailed('down')).toBe('no reason given');
  });
});
