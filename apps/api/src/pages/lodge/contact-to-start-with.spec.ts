import { contactToStartWith } from './contact-to-start-with';

describe('the contact the lodging form starts with', () => {
  it('is the person signed in, by name and address', () => {
    expect(
      contactToStartWith({ name: 'Imran Dawson', email: 'head@st-johns.lancs.sch.uk' }),
    ).toEqual({ 'contact-name': 'Imran Dawson', 'contact-email': 'head@st-johns.lancs.sch.uk' });
  });

  it('leaves the name to fill in for someone known by their address alone', () => {
    for (const name of ['bursar@st-johns.lancs.sch.uk', ' Bursar@St-Johns.lancs.sch.uk '])
      expect(contactToStartWith({ name, email: 'bursar@st-johns.lancs.sch.uk' })).toEqual({
        'contact-name': '',
        'contact-email': 'bursar@st-johns.lancs.sch.uk',
      });
  });
});
