/** A line that only greets: "Hi,", "Dear Sam", "Good morning!". */
const GREETING =
  /^\s*(?:hi|hello|dear|good\s+(?:morning|afternoon|evening))\b[^.!?]{0,60}[,!]?\s*$/i;

/**
 * Where what someone wrote starts: the index of its first line that is neither blank nor a
 * greeting; -1 when there is none.
 */
export const firstWordsLine = (lines: readonly string[]): number =>
  lines.findIndex((line) => line.trim() !== '' && !GREETING.test(line));
