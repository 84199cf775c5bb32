import { type AddressInfo } from 'node:net';

const EVERY_INTERFACE = new Set(['::', '0.0.0.0']);

/** A URL this machine reaches a server bound to `address` at. */
export const urlOf = ({ address, family, port }: AddressInfo): string => {
  const host = EVERY_INTERFACE.has(address) ? 'localhost' : address;
  return `http://${family === 'IPv6' && host !== 'localhost' ? `[${host}]` : host}:${port}`;
};

/**
 * Where a server listens, as its start-up line says it: its URL, and whether every network
 * interface reaches it (LISTEN_ADDRESS unset), which an operator checking what is exposed must know.
 */
export const listeningOn = (address: AddressInfo): string =>
  EVERY_INTERFACE.has(address.address)
    ? `${urlOf(address)} (every network interface, port ${address.port}: LISTEN_ADDRESS narrows it)`
    : urlOf(address);
