import { labelledByColumn } from './labelled-by-column';

describe("labelling a table's cells with their columns' headings", () => {
  const head = [{ text: 'Paid on' }, { text: 'Complaint' }, { text: 'School' }, { text: 'Amount' }];

  it('labels each cell by its column, keeping its own attributes', () => {
    expect(
      labelledByColumn(
        [
          [
            { text: '1 May' },
            { text: 'SG-1', attributes: { id: 'x' } },
            { text: 'A' },
            { text: '£1' },
          ],
        ],
        head,
      ),
    ).toEqual([
      [
        { text: '1 May', attributes: { 'data-label': 'Paid on' } },
        { text: 'SG-1', attributes: { id: 'x', 'data-label': 'Complaint' } },
        { text: 'A', attributes: { 'data-label': 'School' } },
        { text: '£1', attributes: { 'data-label': 'Amount' } },
      ],
    ]);
  });

  it('leaves a cell spanning several columns unlabelled, and labels the next by the column after them', () => {
    const [total] = labelledByColumn([[{ text: 'Total', colspan: 3 }, { text: '£6' }]], head);
    expect(total.map((cell) => cell.attributes?.['data-label'])).toEqual([undefined, 'Amount']);
  });
});
