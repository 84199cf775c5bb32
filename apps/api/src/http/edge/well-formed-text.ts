import { ValidateBy, type ValidationArguments } from 'class-validator';

// Half of a UTF-16 surrogate pair with no other half: JSON lets "\ud800" through, but it is no
// character, and encoders further in (encodeURI in the email check, UTF-8 on the way to storage)
// throw on it or silently replace it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string is well-formed Unicode: every surrogate is part of a pair. */
export const isWellFormedText = (value: string): boolean => !LONE_SURROGATE.test(value);

/**
 * Refuses a string holding a lone surrogate, naming the field; whether it is a string at all is
 * IsString's question.
 */
export const IsWellFormedText = () =>
  ValidateBy({
    name: 'isWellFormedText',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || isWellFormedText(value),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'text'} must be text: it holds half of a character (a lone surrogate)`,
    },
  });
