import { ALLOWED_MEDIA_TYPES } from './attachment-kinds';
import { describeFile, kindOfFile } from './file-description';

describe('a file described for a list of them', () => {
  it('names every kind of file that may be kept in words', () => {
    for (const mediaType of ALLOWED_MEDIA_TYPES) expect(kindOfFile(mediaType)).not.toBe('file');
  });

  it('says what it is and how large, as the upload pages say a size', () => {
    expect(
      describeFile({
        mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        sizeBytes: 1_200,
      }),
    ).toBe('Word document, 2 KB');
    expect(describeFile({ mediaType: 'application/pdf', sizeBytes: 9_540_000 })).toBe(
      'PDF, 9.1 MB',
    );
    expect(describeFile({ mediaType: 'text/csv', sizeBytes: 10 })).toBe('CSV file, 1 KB');
    expect(describeFile({ mediaType: 'application/x-unknown', sizeBytes: 10 })).toBe('file, 1 KB');
  });
});
