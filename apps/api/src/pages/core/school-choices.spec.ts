import { type Directory } from '@sg/directory';
import { SchoolChoices } from './school-choices';

const SCHOOLS = new Map([
  ['119004', { name: 'St John’s Catholic Primary School, Ormskirk', town: 'Ormskirk' }],
  ['119300', { name: 'Brookside Primary School', town: null }],
  ['119301', { name: 'Brookside High School', town: null }],
  ['120500', { name: 'Academy 2000', town: null }],
  ['119420', { name: 'St Mary’s Catholic Primary School', town: 'Chorley' }],
  ['119421', { name: 'St Mary’s Catholic Primary School', town: 'Clitheroe' }],
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

  it('tells apart schools of one name by their towns, and finds one by its town too', async () => {
    const stMarys = await choices.matching('st marys');
    expect(stMarys.map((choice) => choice.text)).toEqual([
      'St Mary’s Catholic Primary School, Chorley (119420)',
      'St Mary’s Catholic Primary School, Clitheroe (119421)',
    ]);
    expect(await urnsOf('st marys clitheroe')).toEqual(['119421']);
    // Where the name says the town already, it is not said twice.
    expect((await choices.matching('119004'))[0].text).toBe(
      'St John’s Catholic Primary School, Ormskirk (119004)',
    );
  });

  it('by the starts of the words of its name, a number in it whole', async () => {
    expect(await urnsOf('brook')).toEqual(['119301', '119300']);
    expect(await urnsOf("st john's")).toEqual(['119004']);
    expect(await urnsOf('academy 2000')).toEqual(['120500']);
  });
});
