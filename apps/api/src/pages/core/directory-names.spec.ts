import { type Directory } from '@sg/directory';
import { DirectoryNames } from './directory-names';

describe('the names a list shows', () => {
  afterEach(() => jest.useRealTimers());

  it('reads a school once a minute however many rows and pages name it, then again', async () => {
    jest.useFakeTimers();
    let reads = 0;
    let name = 'Brookside Primary School';
    const directory = {
      school: (urn: string) => {
        reads += 1;
        return Promise.resolve(urn === '119300' ? { name } : null);
      },
    } as unknown as Directory;
    const names = new DirectoryNames(directory);
    expect(await names.school('119300')).toBe('Brookside Primary School');
    expect(await names.school('119300')).toBe('Brookside Primary School');
    expect(await names.school('999999')).toBeNull();
    expect(await names.school('999999')).toBeNull();
    expect(reads).toBe(2);
    name = 'Brookside Church of England Primary School';
    jest.advanceTimersByTime(60_001);
    expect(await names.school('119300')).toBe('Brookside Church of England Primary School');
    expect(reads).toBe(3);
  });
});
