import { DomainError } from '@sg/complaints';
import { adminRefusal } from './admin-refusal';

describe('adminRefusal', () => {
  it('says what a field must be as a sentence, not by the API’s name for it', () => {
    const refused = new DomainError(
      'SHARED_DOMAIN',
      'rule',
      "value must be the school's own domain: gmail.com is a mail provider anyone can have an address at",
    );
    expect(adminRefusal(refused, '#value')).toEqual({
      text: "This must be the school's own domain: gmail.com is a mail provider anyone can have an address at",
      href: '#value',
    });
  });

  it('throws on what the administrator cannot fix', () => {
    expect(() => adminRefusal(new Error('disk full'))).toThrow('disk full');
  });
});
