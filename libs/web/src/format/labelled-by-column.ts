/** A cell of GOV.UK Frontend's table macro, as far as labelling it goes. */
interface TableCell {
  readonly attributes?: Readonly<Record<string, string>>;
  readonly [key: string]: unknown;
}

/**
 * A table's rows with each cell labelled with its column's heading (`data-label`), which a table
 * of class `sg-stacked-table` shows above the cell at 320 CSS pixels, where it lays each row out
 * as a block instead of squeezing the columns until their words break letter by letter.
 */
export function labelledByColumn(
  rows: readonly (readonly TableCell[])[],
  head: readonly { readonly text?: string }[],
): TableCell[][] {
  return rows.map((row) =>
    row.map((cell, column) => {
      const label = head[column]?.text;
      return label ? { ...cell, attributes: { ...cell.attributes, 'data-label': label } } : cell;
    }),
  );
}
