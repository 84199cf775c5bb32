/** Waits until `predicate` holds, checking every 20 ms, for at most `ms`. */
export async function eventually(
  predicate: () => boolean | Promise<boolean>,
  ms = 10_000,
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until `assertion` stops throwing, checking every 50 ms, and throws its last error after `ms`. */
export async function eventuallyPasses(
  assertion: () => void | Promise<void>,
  ms = 10_000,
): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
