import { Param, ParseUUIDPipe } from '@nestjs/common';
import { notFound } from '@sg/complaints';

/** The complaint's id from the path; anything that is not a UUID names no complaint. */
export const Id = () =>
  Param(
    'id',
    new ParseUUIDPipe({
      exceptionFactory: () => notFound('COMPLAINT_NOT_FOUND', 'There is no such complaint'),
    }),
  );
