import { ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, COMPLAINT_STATUSES } from '@sg/complaints';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const asBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** A page of a list: where to carry on from, and how many. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'From the previous page’s nextCursor' })
  @IsOptional()
  @IsNotEmpty({ message: 'cursor must be the nextCursor of a previous page' })
  @MaxLength(500, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 100' })
  @Min(1, { message: 'limit must be a whole number from 1 to 100' })
  @Max(100, { message: 'limit must be a whole number from 1 to 100' })
  limit = 25;
}

export class ListQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,60}$/, { message: 'serviceId must be a service id' })
  serviceId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{5,8}$/, { message: 'schoolUrn must be a URN of 5 to 8 digits' })
  schoolUrn?: string;

  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES })
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES, { message: `status must be one of ${COMPLAINT_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS, { message: `channel must be one of ${CHANNELS.join(', ')}` })
  channel?: string;

  @ApiPropertyOptional({ description: 'Lodged at or after this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'lodgedFrom must be an ISO 8601 date or instant' })
  lodgedFrom?: string;

  @ApiPropertyOptional({ description: 'Lodged before this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'lodgedBefore must be an ISO 8601 date or instant' })
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
  @ApiPropertyOptional({ description: 'Words to find in reference, summary, details and notes' })
  @IsNotEmpty({ message: 'q must be the words to search for' })
  @MaxLength(200, { message: 'q must be at most 200 characters' })
  q!: string;
}

export class ReportQueryDto {
  @ApiPropertyOptional({
    description: 'A month (2025-04), quarter (2025-Q2), FY2025-26 (April–March) or AY2025-26',
  })
  @IsNotEmpty({ message: 'period must name a month, quarter, financial or academic year' })
  @MaxLength(20, { message: 'period must name a month, quarter, financial or academic year' })
  period!: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format: 'json' | 'csv' = 'json';
}
