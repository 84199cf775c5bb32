import { ConfigurationError } from './validate-environment';

/** Where a listener was told to listen, and the settings that told it. */
export interface ListenSettings {
  readonly port: number;
  readonly address: string | undefined;
  readonly portSetting: string;
  readonly addressSetting: string;
}

/**
 * A port taken, or not ours to take, as the setting to change rather than a stack trace; null for
 * any other failure. Each listener names its own settings: the HTTP port is not the mail port.
 */
export function listenRefused(error: unknown, at: ListenSettings): ConfigurationError | null {
  const code = (error as { code?: unknown } | null)?.code;
  const where = `${at.address ?? 'every interface'} port ${at.port}`;
  if (code === 'EADDRINUSE')
    return new ConfigurationError([
      `${at.portSetting}: ${where} is already in use; stop what is listening there, or set ${at.portSetting} to another port`,
    ]);
  if (code === 'EACCES')
    return new ConfigurationError([
      `${at.portSetting}: this account may not listen on ${where}; use a port above 1023, or a proxy in front`,
    ]);
  if (code === 'EADDRNOTAVAIL')
    return new ConfigurationError([
      `${at.addressSetting}: ${at.address} is not an address of this machine`,
    ]);
  // A host name the resolver does not know (a typo, or a name meant for another machine).
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new ConfigurationError([
      `${at.addressSetting}: ${at.address} is not a name this machine can resolve; give an address of this machine, such as 127.0.0.1`,
    ]);
  return null;
}
