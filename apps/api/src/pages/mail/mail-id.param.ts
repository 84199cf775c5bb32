import { Param, ParseUUIDPipe } from '@nestjs/common';
import { notFound } from '@sg/complaints';

/** The email's id from the path; anything that is not a UUID names no email. */
export const MailId = () =>
  Param(
    'mailId',
    new ParseUUIDPipe({
      exceptionFactory: () => notFound('MAIL_NOT_FOUND', 'There is no such email'),
    }),
  );
