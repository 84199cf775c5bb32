import { BadRequestException, type ValidationError, ValidationPipe } from '@nestjs/common';

interface FieldProblem {
  readonly field: string;
  readonly messages: string[];
}

function flatten(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Every body is checked at the edge: unknown fields are refused, values converted only where the
 * DTO says so, and every problem names its field (`contact.email`, not "validation failed").
 */
export const apiValidationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => {
    const problems = flatten(errors);
    return new BadRequestException({
      code: 'VALIDATION_FAILED',
      message: problems.map((p) => p.messages.join('; ')).join('; '),
      errors: problems,
    });
  },
});
