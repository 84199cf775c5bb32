import { BadRequestException } from '@nestjs/common';

/** A 400 that names the one field at fault, in the shape every refused request has. */
export const fieldRefused = (field: string, message: string): BadRequestException =>
  new BadRequestException({
    code: 'VALIDATION_FAILED',
    message,
    errors: [{ field, messages: [message] }],
  });
