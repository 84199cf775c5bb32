/** A cell of GOV.UK Frontend's table macro, as far as labelling it goes. */
interface TableCell {
  readonly attributes?: Readonly<Record<string, string>>;
  readonly colspan?: number;
  readonly [key: string]: unknown;
}

/**
 * A table's rows with each cell labelled with its column's heading (`data-label`), which a table
 * of class `sg-stacked-table` shows above the cell at 320 CSS pixels, where it lays each row out
 * as a block instead of squeezing the columns until their words break letter by letter. A cell
 * spanning several columns ("Total") names no one of them, and the next cell is labelled by the
 * column after them.
 */
export function labelledByColumn(
  rows: readonly (readonly TableCell[])[],
  head: readonly { readonly text?: string }[],
): TableCell[][] {
  return rows.map((row) => {
    let column = 0;
    return row.map((cell) => {
      const spans = cell.colspan && cell.colspan > 1 ? cell.colspan : 1;
      const label = spans === 1 ? head[column]?.text : undefined;
      column += spans;
      return label ? { ...cell, attributes: { ...cell.attributes, 'data-label': label } } : cell;
    });
  });
}
