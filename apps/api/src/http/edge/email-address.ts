import { isEmail, ValidateBy } from 'class-validator';
import { isWellFormedText } from './well-formed-text';

/**
 * An email address. The text is checked to be well-formed before validator.js reads it: it
 * measures the address through encodeURI, which throws on a lone surrogate.
 */
export const IsEmailAddress = (field: string) =>
  ValidateBy({
    name: 'isEmailAddress',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && isWellFormedText(value) && isEmail(value),
      defaultMessage: () => `${field} must be an email address`,
    },
  });
