/**
 * The addresses and whole domains the SMTP listener takes mail for. An entry with an `@` in it is
 * one address; one without (or starting with `@`) is a domain, and covers every address at
 * exactly that domain, not its subdomains. Comparison ignores case, as mail systems route it.
 */
export class RecipientAllowList {
  private readonly addresses = new Set<string>();
  private readonly domains = new Set<string>();

  constructor(entries: readonly string[]) {
    for (const entry of entries.map((each) => each.trim().toLowerCase()).filter(Boolean)) {
      if (entry.startsWith('@')) this.domains.add(entry.slice(1));
      else if (entry.includes('@')) this.addresses.add(entry);
      else this.domains.add(entry);
    }
    if (this.addresses.size + this.domains.size === 0) {
      throw new Error('the SMTP listener needs at least one address or domain to take mail for');
    }
  }

  allows(address: string): boolean {
    const lower = address.trim().toLowerCase();
    const at = lower.lastIndexOf('@');
    if (at <= 0 || at === lower.length - 1) return false;
    return this.addresses.has(lower) || this.domains.has(lower.slice(at + 1));
  }
}
