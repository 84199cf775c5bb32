/**
 * A warning that says the same thing many times a second (a queue's connection refused while
 * Redis is down, from each of its clients) said once, then again at most every `everyMs` with how
 * many times it was said meanwhile: the log shows the trouble, not a flood of it.
 */
export function withoutRepeats(
  warn: (message: string) => void,
  everyMs = 30_000,
  now: () => number = Date.now,
): (message: string) => void {
  const said = new Map<string, { at: number; since: number }>();
  return (message) => {
    const last = said.get(message);
    const at = now();
    if (last && at - last.at < everyMs) {
      last.since += 1;
      return;
    }
    const again = last && last.since > 0 ? ` (${last.since} times more since)` : '';
    said.set(message, { at, since: 0 });
    warn(`${message}${again}`);
  };
}
