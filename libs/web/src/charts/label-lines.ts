const ELLIPSIS = '…';

/**
 * A label broken at spaces into at most `maxLines` lines of at most `lineLength` characters.
 * A word longer than a line is cut; a label that still does not fit ends in an ellipsis, and the
 * chart gives the full text elsewhere (a tooltip and the data table).
 */
export function labelLines(label: string, lineLength: number, maxLines: number): string[] {
  if (lineLength < 2 || maxLines < 1) throw new RangeError('a label needs room for a character');
  const characters = (text: string) => [...text];
  const words = label.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const joined = line ? `${line} ${word}` : word;
    if (characters(joined).length <= lineLength) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    // A word too long for any line is cut into line-sized pieces.
    let rest = characters(word);
    while (rest.length > lineLength) {
      lines.push(rest.slice(0, lineLength).join(''));
      rest = rest.slice(lineLength);
    }
    line = rest.join('');
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = characters(kept[maxLines - 1])
    .slice(0, lineLength - 1)
    .join('')
    .trimEnd();
  kept[maxLines - 1] = `${last}${ELLIPSIS}`;
  return kept;
}
