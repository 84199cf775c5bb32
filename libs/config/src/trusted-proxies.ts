import { isIP } from 'node:net';

/** The ranges Express (proxy-addr) names. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY as Express takes it: how many proxies in front of the engine to trust (1 to 9), or
 * the addresses, subnets (CIDR) and named ranges (`loopback`, `linklocal`, `uniquelocal`) of the
 * proxies, comma-separated. Throws, saying what is wrong, for anything else.
 */
export function parseTrustedProxies(value: string): number | string[] {
  const text = value.trim();
  if (/^[1-9]$/.test(text)) return Number(text);
  const items = text.split(',').map((item) => item.trim());
  for (const item of items) {
    if (NAMED_RANGES.has(item)) continue;
    const [address, prefix, ...rest] = item.split('/');
    const version = isIP(address);
    const widest = version === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= widest);
    if (version === 0 || !prefixOk || rest.length > 0)
      throw new Error(
        `${JSON.stringify(item)} is not a proxy's address, a subnet (CIDR) or one of ${[...NAMED_RANGES].join(', ')}`,
      );
  }
  return items;
}
