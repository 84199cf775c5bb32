import { listeningOn } from './listening-on';

describe('listeningOn', () => {
  it('says when every network interface reaches the server, not only the loopback URL', () => {
    expect(listeningOn({ address: '::', family: 'IPv6', port: 3200 })).toBe(
      'http://localhost:3200 (every network interface, port 3200: LISTEN_ADDRESS narrows it)',
    );
    expect(listeningOn({ address: '0.0.0.0', family: 'IPv4', port: 80 })).toMatch(
      /^http:\/\/localhost:80 \(every network interface/,
    );
  });

  it('gives the address a server was bound to', () => {
    expect(listeningOn({ address: '127.0.0.1', family: 'IPv4', port: 3200 })).toBe(
      'http://127.0.0.1:3200',
    );
    expect(listeningOn({ address: '::1', family: 'IPv6', port: 3200 })).toBe('http://[::1]:3200');
  });
});
