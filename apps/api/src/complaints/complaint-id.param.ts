import { Param, ParseUUIDPipe, type PipeTransform } from '@nestjs/common';
import { notFound } from '@sg/complaints';

/** Ids are kept in lower case; a UUID written in capitals (RFC 9562 allows it) names the same. */
const inLowerCase: PipeTransform<string, string> = { transform: (id) => id.toLowerCase() };

/** The complaint's id from the path; anything that is not a UUID names no complaint. */
export const Id = () =>
  Param(
    'id',
    new ParseUUIDPipe({
      exceptionFactory: () => notFound('COMPLAINT_NOT_FOUND', 'There is no such complaint'),
    }),
    inLowerCase,
  );
