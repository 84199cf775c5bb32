import { createHash } from 'node:crypto';
import { type SchoolAddress } from '../directory-events';
import { normalisedAddress } from './person';

const digest = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40);

/** Index streams are named by digests, so a stream's name never carries an address. */
export const addressDigest = (email: string) => digest('email', normalisedAddress(email));

export const identityDigest = (issuer: string, subject: string) =>
  digest('identity', issuer, subject);

export const schoolAddressDigest = (address: SchoolAddress) =>
  digest('school-address', address.kind, normalisedAddress(address.value));
