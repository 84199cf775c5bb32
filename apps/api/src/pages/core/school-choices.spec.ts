import { type Directory } from '@sg/directory';
import { SchoolChoices } from './school-choices';

const SCHOOLS = new Map([
  ['119004', 'St John’s Catholic Primary School, Ormskirk'],
  ['119300', 'Brookside Primary School'],
  ['119301', 'Brookside High School'],
  ['120500', 'Academy 2000'],
]);
const choices = new SchoolChoices({
  schoolNames: () => Promise.resolve(SCHOOLS),
} as unknown as Directory);
const urnsOf = async (text: string) => (await choices.matching(text)).map((choice) => choice.value);

describe('finding a school by what an officer types', () => {
  it('by its URN, whole', async () => {
    expect(await urnsOf('119004')).toEqual(['119004']);
  });

  it('by no school for a URN a digit short, nor any part of a number (the desk trial’s “11900”)', async () => {
    expect(await urnsOf('11900')).toEqual([]);
    expect(await urnsOf('1190')).toEqual([]);
    expect(await urnsOf('Academy 200')).toEqual([]);
  });

  it('by the starts of the words of its name, a number in it whole', async () => {
    expect(await urnsOf('brook')).toEqual(['119301', '119300']);
    expect(await urnsOf("st john's")).toEqual(['119004']);
    expect(await urnsOf('academy 2000')).toEqual(['120500']);
  });
});
