import { Param, ParseUUIDPipe, type PipeTransform } from '@nestjs/common';
import { formatReference, notFound, parseReference } from '@sg/complaints';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the path names a complaint by: its id, or the reference people quote ("SG-2026-000123",
 * in any case); anything else names no complaint.
 */
export type ComplaintNamed = { readonly id: string } | { readonly reference: string };

const idOrReference: PipeTransform<string, ComplaintNamed> = {
  transform: (named) => {
    if (UUID.test(named)) return { id: named.toLowerCase() };
    const reference = parseReference(named.toUpperCase());
    if (reference) return { reference: formatReference(reference.year, reference.number) };
    throw notFound('COMPLAINT_NOT_FOUND', 'There is no such complaint');
  },
};

/** The complaint's id or reference from the path, for reading it. */
export const IdOrReference = () => Param('id', idOrReference);
