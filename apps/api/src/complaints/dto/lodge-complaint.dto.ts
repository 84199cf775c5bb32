import { URN_PATTERN, URN_RULE } from '@sg/directory';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type Channel, CHANNELS, QUALITY_STANDARD_IDS, type QualityStandard } from '@sg/complaints';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarInstant } from '../../http/edge/calendar-dates';
import { IsEmailAddress } from '../../http/edge/email-address';
import { Line, OptionalLine, OptionalText, Text } from './text';

/** Digits, spaces, +, brackets and dashes, and an extension after them if there is one. */
const PHONE_NUMBER = /^[0-9 +()-]{6,30}(?:\s*(?:ext\.?|extension|x)\s*[0-9]{1,6})?$/i;

export class ContactPersonDto {
  @Line(200, 'Who at the school to contact about the complaint')
  name!: string;

  @OptionalLine(200, 'Their role, e.g. headteacher or school business manager')
  role?: string;

  @ApiPropertyOptional({ format: 'email' })
  @IsOptional()
  @IsEmailAddress('email')
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({
    example: '01772 123456',
    description: 'A telephone number, with an extension if it has one (01772 123456 ext. 12)',
  })
  @IsOptional()
  @IsString()
  @Matches(PHONE_NUMBER, { message: 'phone must be a telephone number' })
  phone?: string;
}

export class LodgeComplaintDto {
  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS, { message: `channel must be one of ${CHANNELS.join(', ')}` })
  channel!: Channel;

  @ApiProperty({ description: 'The school’s URN', example: '119300' })
  @Matches(URN_PATTERN, { message: `schoolUrn ${URN_RULE}` })
  schoolUrn!: string;

  @ApiPropertyOptional({
    description: 'The service complained about; Business Support can route it later',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'serviceId must be a service id such as schools-hr' })
  serviceId?: string;

  @Line(200, 'One line saying what went wrong')
  summary!: string;

  @Text(10_000, 'What happened, in the school’s words')
  details!: string;

  @OptionalText(2000, 'What the school says would put it right')
  desiredOutcome?: string;

  @ApiProperty({
    enum: QUALITY_STANDARD_IDS,
    isArray: true,
    description: 'The quality standards the school says were not met',
  })
  @IsArray()
  @ArrayMaxSize(QUALITY_STANDARD_IDS.length)
  @IsIn(QUALITY_STANDARD_IDS, {
    each: true,
    message: `each of standards must be one of ${QUALITY_STANDARD_IDS.join(', ')}`,
  })
  standards!: QualityStandard[];

  @ApiProperty({ type: ContactPersonDto })
  @IsObject({ message: 'contact must be an object with at least a name' })
  @ValidateNested()
  @Type(() => ContactPersonDto)
  contact!: ContactPersonDto;

  @OptionalText(64, 'The contract (service level agreement) the complaint concerns')
  relatedContractId?: string;

  @OptionalText(64, 'The booking the complaint concerns')
  relatedBookingId?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'When the school told the officer logging it, if before now (within the last 28 days); its clocks count from then. Not for a school’s own form.',
  })
  @IsOptional()
  @IsCalendarInstant('receivedAt')
  receivedAt?: string;
}
