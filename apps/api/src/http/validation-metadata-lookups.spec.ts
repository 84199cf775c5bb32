import { IsInt, IsOptional, IsString, Min, validate } from 'class-validator';
import { keepValidationMetadataLookups } from './validation-metadata-lookups';

class Page {
  @IsOptional()
  @IsInt()
  @Min(1)
  limit?: number;
}

class Queue extends Page {
  @IsOptional()
  @IsString()
  assignedTo?: string;
}

const problems = async (value: object) =>
  (await validate(value, { whitelist: true, forbidNonWhitelisted: true })).map(
    (error) => `${error.property}: ${Object.keys(error.constraints ?? {}).join(',')}`,
  );

const queue = (fields: object) => Object.assign(new Queue(), fields);

describe('class-validator’s lookups, kept', () => {
  beforeAll(() => keepValidationMetadataLookups());

  it('checks a class and what it inherits as before, again and again', async () => {
    for (let round = 0; round < 3; round += 1) {
      expect(await problems(queue({}))).toEqual([]);
      expect(await problems(queue({ limit: 0, assignedTo: 7 }))).toEqual([
        'assignedTo: isString',
        'limit: min',
      ]);
      expect(await problems(queue({ other: 1 }))).toEqual(['other: whitelistValidation']);
      expect(await problems(Object.assign(new Page(), { assignedTo: 'me' }))).toEqual([
        'assignedTo: whitelistValidation',
      ]);
    }
  });

  it('forgets what it kept when a rule is registered later, so the new rule counts', async () => {
    expect(await problems(queue({ assignedTo: 'someone' }))).toEqual([]);
    IsInt()(Queue.prototype, 'assignedTo');
    expect(await problems(queue({ assignedTo: 'someone' }))).toEqual(['assignedTo: isInt']);
  });
});
