import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BOARD_OUTCOMES,
  type BoardOutcome,
  CONTACT_METHODS,
  type ContactMethod,
  FAILURE_LEVELS,
  type FailureLevel,
  PAYMENT_METHODS,
  type PaymentMethod,
} from '@sg/complaints';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsCalendarInstant } from '../../http/edge/calendar-dates';
import { ContactPersonDto } from './lodge-complaint.dto';
import { Line, OptionalText, Text } from './text';

const SERVICE_ID = /^[a-z0-9-]{1,64}$/;

export class ReferDto {
  @ApiPropertyOptional({ description: 'Needed when the complaint names no service yet' })
  @IsOptional()
  @Matches(SERVICE_ID, { message: 'serviceId must be a service id such as schools-hr' })
  serviceId?: string;

  @OptionalText(2_000, 'A note for the service')
  note?: string;
}

export class RerouteDto {
  @ApiProperty()
  @Matches(SERVICE_ID, { message: 'toServiceId must be a service id such as schools-hr' })
  toServiceId!: string;

  @Text(2_000, 'Why it belongs with the other service')
  reason!: string;

  @OptionalText(64, 'The school’s contract (service level agreement) with the new service')
  relatedContractId?: string;

  @OptionalText(64, 'The school’s booking with the new service')
  relatedBookingId?: string;
}

export class ReasonDto {
  @Text(2_000, 'Why')
  reason!: string;
}

export class DuplicateDto {
  @Text(64, 'The id or reference of the complaint this one repeats')
  duplicateOf!: string;

  @OptionalText(2_000, 'Anything to add')
  reason?: string;
}

export class ContactDto {
  @ApiProperty({ format: 'date-time', description: 'When the service contacted the school' })
  @IsCalendarInstant('contactedAt')
  contactedAt!: string;

  @ApiProperty({ enum: CONTACT_METHODS })
  @IsIn(CONTACT_METHODS, { message: `method must be one of ${CONTACT_METHODS.join(', ')}` })
  method!: ContactMethod;

  @Text(5_000, 'What was said')
  note!: string;
}

export class QuestionDto {
  @Text(5_000, 'What the service needs from the school')
  question!: string;
}

export class InformationDto {
  @Text(5_000, 'What the school provided')
  summary!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'When the school gave its answer, if before now and after the question (council staff writing up an answer given by phone or at a visit); the service’s clock runs again from then. Not for the school’s own answer.',
  })
  @IsOptional()
  @IsCalendarInstant('receivedAt')
  receivedAt?: string;
}

export class ConsentDto {
  @Line(200, 'Who at the school agreed')
  givenBy!: string;

  @ApiProperty({ format: 'date-time' })
  @IsCalendarInstant('consent.givenAt')
  givenAt!: string;

  @ApiProperty({ enum: CONTACT_METHODS })
  @IsIn(CONTACT_METHODS, { message: `consent.method must be one of ${CONTACT_METHODS.join(', ')}` })
  method!: ContactMethod;
}

/** How the school agreed: required when an officer acts for the school, ignored when it acts itself. */
export class ForTheSchoolDto {
  @ApiPropertyOptional({
    type: () => ConsentDto,
    description: 'Required when Business Support acts for the school: who agreed, when and how',
  })
  @IsOptional()
  @IsObject({ message: 'consent must be an object: who agreed, when and how' })
  @ValidateNested()
  @Type(() => ConsentDto)
  consent?: ConsentDto;
}

export class SchoolContactDto extends ForTheSchoolDto {
  @ApiProperty({
    type: ContactPersonDto,
    description: 'Whom to write to at the school from now on',
  })
  @IsObject({ message: 'contact must be an object with at least a name' })
  @ValidateNested()
  @Type(() => ContactPersonDto)
  contact!: ContactPersonDto;
}

export class WithdrawalDto extends ForTheSchoolDto {
  @Text(2_000, 'Why the school withdraws the complaint')
  reason!: string;
}

export class ConflictOfInterestDto {
  @Text(2_000, 'Why the member stands aside')
  reason!: string;
}

export class CaseOfficerDto {
  @ApiProperty({ description: 'The directory id of a member of the service’s staff' })
  @Matches(/^[A-Za-z0-9:._-]{1,100}$/, { message: 'officerId must be a person id' })
  officerId!: string;
}

export class ExtensionDto {
  @ApiProperty({ minimum: 1, maximum: 250 })
  @IsInt({ message: 'extraWorkingDays must be a whole number' })
  @Min(1)
  @Max(250)
  extraWorkingDays!: number;

  @Text(2_000, 'Why more time is needed')
  reason!: string;

  @ApiPropertyOptional({
    type: ConsentDto,
    description: 'Required when a service manager records the school’s agreement',
  })
  @IsOptional()
  @IsObject({ message: 'consent must be an object: who agreed, when and how' })
  @ValidateNested()
  @Type(() => ConsentDto)
  consent?: ConsentDto;
}

export class ResolutionDto {
  @Text(10_000, 'How the service has resolved the complaint')
  resolution!: string;
}

export class BoardDecisionDto {
  @ApiProperty({ enum: BOARD_OUTCOMES })
  @IsIn(BOARD_OUTCOMES, { message: `outcome must be one of ${BOARD_OUTCOMES.join(', ')}` })
  outcome!: BoardOutcome;

  @ApiPropertyOptional({ enum: FAILURE_LEVELS, description: 'Required unless not upheld' })
  // Asked for with the other fields, so a form shows every error at once, but only of an outcome
  // that has a level (a decision with no outcome yet is asked for its outcome alone); the domain
  // still says whether one may be given (not for a complaint not upheld).
  @ValidateIf(
    (dto: BoardDecisionDto) =>
      dto.outcome === 'upheld' || dto.outcome === 'partly-upheld' || dto.failureLevel !== undefined,
  )
  @IsIn(FAILURE_LEVELS, { message: `failureLevel must be one of ${FAILURE_LEVELS.join(', ')}` })
  failureLevel?: FailureLevel;

  @Text(10_000, 'The Board’s reasons')
  rationale!: string;
}

export class ReimbursementProposalDto {
  @ApiProperty({ enum: ['contract', 'booking'] })
  @IsIn(['contract', 'booking'], { message: 'basisKind must be contract or booking' })
  basisKind!: 'contract' | 'booking';

  @Text(64, 'The contract or booking whose fees the reimbursement is measured against')
  basisId!: string;

  @ApiProperty({ description: 'The sum, in pence', minimum: 1, maximum: Number.MAX_SAFE_INTEGER })
  @IsInt({ message: 'amountPence must be a whole number of pence' })
  @Min(1)
  // Past this, JSON's number is no longer the whole number sent: 9007199254740993 arrives as …992.
  @Max(Number.MAX_SAFE_INTEGER, {
    message: `amountPence must be at most ${Number.MAX_SAFE_INTEGER}, the largest exact whole number`,
  })
  amountPence!: number;

  @OptionalText(2_000, 'Why the sum differs from the schedule’s suggestion')
  overrideReason?: string;
}

export class ProposalDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'proposalId must be a UUID' })
  proposalId!: string;
}

export class DeclineDto extends ProposalDto {
  @Text(2_000, 'Why the Board member declines')
  reason!: string;
}

export class PaymentDto extends ProposalDto {
  @ApiProperty({ enum: PAYMENT_METHODS })
  @IsIn(PAYMENT_METHODS, { message: `method must be one of ${PAYMENT_METHODS.join(', ')}` })
  method!: PaymentMethod;

  @Line(100, 'The payment or credit note reference')
  paymentReference!: string;

  @ApiProperty({ format: 'date', example: '2026-11-30' })
  @IsCalendarDate('paidOn')
  paidOn!: string;

  @ApiPropertyOptional({
    description:
      'true when the reference is right though a payment on another complaint was recorded under it (one payment run reimbursing several schools); without it such a reference is refused',
  })
  @IsOptional()
  @IsBoolean({ message: 'sameReferenceConfirmed must be true or false' })
  sameReferenceConfirmed?: boolean;
}

export class TextDto {
  @Text(10_000, 'The text')
  text!: string;
}
