import { IsOptional, MaxLength } from 'class-validator';
import { OptionalLine, Text } from '../../complaints/dto/text';
import { IsEmailAddress } from '../../http/edge/email-address';
import { type FormMessages } from '../core/page-form';

/**
 * "It is from this school": the school Business Support vouches the email is a complaint from,
 * and, when the sender is not the school's (an officer passing it on) or not named, who at the
 * school complained.
 */
export class MailSchoolDto {
  @Text(20, 'The URN of the school the email is from')
  schoolUrn!: string;

  @OptionalLine(200, 'Who at the school complained')
  contactName?: string;

  @IsOptional()
  @IsEmailAddress('contactEmail')
  @MaxLength(320)
  contactEmail?: string;
}

/** "Add it to a complaint": the reference of the complaint the email belongs on. */
export class MailComplaintDto {
  @Text(30, 'The reference of the complaint the email belongs on')
  reference!: string;
}

/** "Set it aside": why nothing is to be done with the email. */
export class MailSetAsideDto {
  @Text(1000, 'Why the email is set aside')
  reason!: string;
}

export const SCHOOL_MESSAGES: FormMessages<MailSchoolDto> = {
  schoolUrn: {
    empty: 'Enter the name or URN of the school the email is from',
    invalid: 'Enter the school’s name, or its URN as 6 digits, like 119300',
  },
  contactName: {
    empty: 'Enter the name of the person at the school who complained',
    invalid: 'Name must be 200 characters or fewer',
  },
  contactEmail: {
    empty: 'Enter an email address in the correct format, like name@school.lancs.sch.uk',
    invalid: 'Enter an email address in the correct format, like name@school.lancs.sch.uk',
  },
};

export const COMPLAINT_MESSAGES: FormMessages<MailComplaintDto> = {
  reference: {
    empty: 'Enter the complaint’s reference, like SG-2026-000123',
    invalid: 'Enter a reference like SG-2026-000123',
  },
};

export const SET_ASIDE_MESSAGES: FormMessages<MailSetAsideDto> = {
  reason: {
    empty: 'Enter why you are setting the email aside',
    invalid: 'Enter a reason of 1,000 characters or fewer',
  },
};
