import { listenRefused } from './listen-refused';

const at = {
  port: 3000,
  address: 'not-an-ip',
  portSetting: 'PORT',
  addressSetting: 'LISTEN_ADDRESS',
};
const refused = (code: string) => listenRefused(Object.assign(new Error(code), { code }), at);

describe('listenRefused', () => {
  it('names the setting to change for each way a listener is refused', () => {
    expect(refused('EADDRINUSE')?.problems).toEqual([
      'PORT: not-an-ip port 3000 is already in use; stop what is listening there, or set PORT to another port',
    ]);
    expect(refused('EACCES')?.problems[0]).toMatch(/^PORT: this account may not listen/);
    expect(refused('EADDRNOTAVAIL')?.problems).toEqual([
      'LISTEN_ADDRESS: not-an-ip is not an address of this machine',
    ]);
    for (const code of ['ENOTFOUND', 'EAI_AGAIN'])
      expect(refused(code)?.problems).toEqual([
        'LISTEN_ADDRESS: not-an-ip is not a name this machine can resolve; give an address of this machine, such as 127.0.0.1',
      ]);
  });

  it('leaves any other failure as it is', () => {
    expect(refused('ECONNRESET')).toBeNull();
    expect(listenRefused(new Error('no code'), at)).toBeNull();
  });
});
