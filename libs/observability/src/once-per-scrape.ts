/**
 * `read`, shared by every caller while one call is under way: a scrape asks all its metrics at
 * once, so the gauges that come from the same source read it once per scrape, and never see an
 * earlier scrape's answer.
 */
export function oncePerScrape<T>(read: () => Promise<T>): () => Promise<T> {
  let reading: Promise<T> | null = null;
  return () =>
    (reading ??= read().finally(() => {
      reading = null;
    }));
}
