import { URN_PATTERN, URN_RULE } from '@sg/directory';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, COMPLAINT_STATUSES } from '@sg/complaints';
import { hasCanonicalUtcForm, parseInstant, startOfLondonDay } from '@sg/working-days';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { isCalendarDate, isCalendarInstant } from '../http/edge/calendar-dates';

const asBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/**
 * A bound from the query string in the one form the read model stores instants in, so comparing
 * text compares instants: `10:00:00+01:00` and `09:00:00Z` are the same moment and must give the
 * same list. A bare date is the start of that day in London, the council's day. What is not a
 * calendar date or instant is passed on unchanged for the validator to refuse, naming the field.
 */
function asStoredInstant({ value }: { value: unknown }): unknown {
  if (isCalendarDate(value)) return startOfLondonDay(value).toISOString();
  if (isCalendarInstant(value)) return millisecondAtOrAfter(value).toISOString();
  return value;
}

/**
 * The first whole millisecond at or after `instant`. Lodging times are kept to the millisecond, so
 * against the bound rounded up "at or after" and "before" keep exactly the complaints they would
 * against the bound as given; cut short, a bound a fraction past a lodging would move it across.
 */
function millisecondAtOrAfter(instant: string): Date {
  const parsed = parseInstant(instant);
  const beyond = /T[^.]*\.\d{3}(\d+)/.exec(instant)?.[1] ?? '';
  return /[1-9]/.test(beyond) ? new Date(parsed.getTime() + 1) : parsed;
}

// The canonical form alone would let through an input already in it that names no real moment
// (2025-02-31T10:00:00.000Z), which the conversion above passed on as it came.
const isStoredInstant = (value: unknown): boolean =>
  typeof value === 'string' && hasCanonicalUtcForm(value) && isCalendarInstant(value);

const InstantFilter = (field: string, description: string) =>
  applyDecorators(
    ApiPropertyOptional({
      description: `${description}: an instant with its offset (2025-04-17T10:00:00+01:00), or a date (2025-04-17) for the start of that day in London`,
    }),
    IsOptional(),
    Transform(asStoredInstant),
    ValidateBy({
      name: 'isInstantOrDate',
      validator: {
        validate: isStoredInstant,
        defaultMessage: () =>
          `${field} must be an instant with its offset from UTC, such as 2025-04-17T10:00:00+01:00, or a date such as 2025-04-17`,
      },
    }),
  );

/** A page of a list: where to carry on from, and how many. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'From the previous page’s nextCursor' })
  @IsOptional()
  @IsNotEmpty({ message: 'cursor must be the nextCursor of a previous page' })
  @MaxLength(500, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 100' })
  @Min(1, { message: 'limit must be a whole number from 1 to 100' })
  @Max(100, { message: 'limit must be a whole number from 1 to 100' })
  limit = 25;
}

/** A list filtered to one service, named by its id. */
const ServiceIdFilter = () =>
  applyDecorators(
    IsOptional(),
    Matches(/^[a-z0-9-]{1,60}$/, { message: 'serviceId must be a service id' }),
  );

export class ServiceQueueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ['me', 'nobody'],
    description:
      'Only the complaints assigned to the person asking (me), or to no case officer (nobody)',
  })
  @IsOptional()
  @IsIn(['me', 'nobody'], { message: 'assignedTo must be me or nobody' })
  assignedTo?: 'me' | 'nobody';

  @ApiPropertyOptional({ description: 'Only this one of the services the person asking manages' })
  @ServiceIdFilter()
  serviceId?: string;
}

export class ListQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @ServiceIdFilter()
  serviceId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(URN_PATTERN, { message: `schoolUrn ${URN_RULE}` })
  schoolUrn?: string;

  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES })
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES, { message: `status must be one of ${COMPLAINT_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS, { message: `channel must be one of ${CHANNELS.join(', ')}` })
  channel?: string;

  @InstantFilter('lodgedFrom', 'Lodged at or after this')
  lodgedFrom?: string;

  @InstantFilter('lodgedBefore', 'Lodged before this')
  @ValidateBy({
    name: 'isAfterLodgedFrom',
    validator: {
      // Both in the canonical UTC form by now, so their text orders as their instants do.
      validate: (before: unknown, args) => {
        const from = (args?.object as ListQueryDto | undefined)?.lodgedFrom;
        return !isStoredInstant(before) || !isStoredInstant(from) || String(from) < String(before);
      },
      defaultMessage: () => 'lodgedBefore must be later than lodgedFrom',
    },
  })
  lodgedBefore?: string;

  @ApiPropertyOptional({ description: 'Only those whose running clock’s deadline has passed' })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Only those inside their clock’s warning window' })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean({ message: 'atRisk must be true or false' })
  atRisk?: boolean;

  @ApiPropertyOptional({ description: 'Include closed complaints (when no status is given)' })
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean({ message: 'includeClosed must be true or false' })
  includeClosed?: boolean;
}

export class SearchQueryDto extends PageQueryDto {
  @ApiProperty({ description: 'Words to find in reference, summary, details and notes' })
  @IsNotEmpty({ message: 'q must be the words to search for' })
  @MaxLength(200, { message: 'q must be at most 200 characters' })
  q!: string;
}

export class ReportQueryDto {
  @ApiProperty({
    description: 'A month (2025-04), quarter (2025-Q2), FY2025-26 (April–March) or AY2025-26',
    example: '2025-04',
  })
  @IsNotEmpty({ message: 'period must name a month, quarter, financial or academic year' })
  @MaxLength(20, { message: 'period must name a month, quarter, financial or academic year' })
  period!: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format: 'json' | 'csv' = 'json';
}

/** A school named in the path by its URN. */
export class SchoolPathDto {
  @ApiProperty({ description: 'The school’s URN (six digits)', example: '119300' })
  @Matches(URN_PATTERN, { message: `urn ${URN_RULE}` })
  urn!: string;
}

export class FeeAgreementQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only this service’s contracts and bookings' })
  @ServiceIdFilter()
  serviceId?: string;

  @ApiPropertyOptional({ enum: ['contract', 'booking'] })
  @IsOptional()
  @IsIn(['contract', 'booking'], { message: 'kind must be contract or booking' })
  kind?: 'contract' | 'booking';
}
