import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PEM files of a throwaway certificate for localhost and 127.0.0.1, made with openssl. */
export function selfSignedCertificate(): { certPath: string; keyPath: string; folder: string } {
  const folder = mkdtempSync(join(tmpdir(), 'sg-smtp-tls-'));
  const certPath = join(folder, 'cert.pem');
  const keyPath = join(folder, 'key.pem');
  // prettier-ignore
  const args = [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
    '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', keyPath, '-out', certPath,
  ];
  try {
    execFileSync('openssl', args, { stdio: 'pipe' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('openssl is missing: install the Debian package openssl');
    }
    throw error;
  }
  return { certPath, keyPath, folder };
}
