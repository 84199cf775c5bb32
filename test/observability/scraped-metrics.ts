/** One sample of a scrape, `name{labels} value`, by its series as written; undefined if absent. */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((each) => each.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
