import { ApiHeader } from '@nestjs/swagger';

/** The headers a command on a complaint reads, for the OpenAPI document of those routes alone. */
export const ApiIdempotencyKey = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key returns the first answer and records nothing again',
});

export const ApiIfMatch = ApiHeader({
  name: 'If-Match',
  required: false,
  description:
    'The ETag last read; 412 if the complaint has changed since (a weak ETag never matches)',
});
