import { Text } from '../../complaints/dto/text';
import { type FormMessages } from '../core/page-form';

/** "It is from this school": the school Business Support vouches the sender writes for. */
export class MailSchoolDto {
  @Text(20, 'The URN of the school the email is from')
  schoolUrn!: string;
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
    empty: 'Select the school the email is from',
    invalid: 'Select a school from the list',
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
