import { REDACTED, withoutPersonalData } from './personal-data';

describe('what may be logged', () => {
  it('censors personal fields at every level and takes addresses out of the rest', () => {
    expect(
      withoutPersonalData({
        complaintId: 'c-1',
        contact: { name: 'Jane Head', email: 'jane@school.example' },
        mail: { envelope: { from: 'jane@school.example', size: 4096 } },
        headers: { 'set-cookie': ['sg=secret'], host: 'sg.example' },
        note: 'forwarded by jane@school.example',
        attempts: [{ token: 'abc', status: 550 }],
      }),
    ).toEqual({
      complaintId: 'c-1',
      contact: REDACTED,
      mail: { envelope: { from: REDACTED, size: 4096 } },
      headers: { 'set-cookie': REDACTED, host: 'sg.example' },
      note: 'forwarded by [email]',
      attempts: [{ token: REDACTED, status: 550 }],
    });
  });

  it('writes an error out as its type and message, without addresses', () => {
    const logged = withoutPersonalData(new TypeError('no mailbox for jane@school.example')) as {
      type: string;
      message: string;
    };
    expect(logged).toMatchObject({ type: 'TypeError', message: 'no mailbox for [email]' });
  });
});
