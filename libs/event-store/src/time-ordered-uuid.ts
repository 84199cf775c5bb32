import { randomFillSync } from 'node:crypto';

const POOL_IDS = 256;
const pool = Buffer.alloc(16 * POOL_IDS);
let next = POOL_IDS;
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A version 7 UUID (RFC 9562): the Unix time in milliseconds, then 74 random bits. Ids made later
 * sort after those made earlier, so a unique index on them grows at its end: a burst of appends
 * rewrites a few pages of the index rather than a page per event (decision 0026). The random
 * bits, from the CSPRNG 256 ids at a time as Node's randomUUID draws them, keep them unguessable.
 */
export function timeOrderedUuid(now: number = Date.now()): string {
  if (next === POOL_IDS) {
    randomFillSync(pool);
    next = 0;
  }
  const at = next * 16;
  next += 1;
  const bytes = pool.subarray(at, at + 16);
  // 48 bits of milliseconds exceed what bitwise operators hold, so the high part is divided off.
  const high = Math.floor(now / 2 ** 32);
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes.writeUInt32BE(now >>> 0, 2);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  let id = '';
  for (let i = 0; i < 16; i += 1) {
    if (i === 4 || i === 6 || i === 8 || i === 10) id += '-';
    id += HEX[bytes[i]];
  }
  return id;
}
