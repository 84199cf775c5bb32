import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import { IsWellFormedText } from '../../http/edge/well-formed-text';

/** Not empty, nor only spaces and line breaks, which say as little. */
const IsNotBlank = () =>
  ValidateBy({
    name: 'isNotBlank',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.trim() !== '',
      defaultMessage: (args) => `${args?.property} should not be empty`,
    },
  });

/**
 * No line break, tab or other control character: a name, a role or a summary is one line, and
 * goes into mail headers and one-line table cells.
 */
const breaksTheLine = (character: string) => {
  const code = character.codePointAt(0)!;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
};

const IsOneLine = () =>
  ValidateBy({
    name: 'isOneLine',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || ![...value].some(breaksTheLine),
      defaultMessage: (args) => `${args?.property} must be one line, with no line breaks`,
    },
  });

/** Required free text: a non-blank, well-formed string of at most `max` characters. */
export const Text = (max: number, description: string) =>
  applyDecorators(
    ApiProperty({ description, maxLength: max }),
    IsString(),
    IsNotBlank(),
    MaxLength(max),
    IsWellFormedText(),
  );

export const OptionalText = (max: number, description: string) =>
  applyDecorators(
    ApiPropertyOptional({ description, maxLength: max }),
    IsOptional(),
    IsString(),
    IsNotBlank(),
    MaxLength(max),
    IsWellFormedText(),
  );

/** Required text of one line: a name, a role, a summary. */
export const Line = (max: number, description: string) =>
  applyDecorators(Text(max, description), IsOneLine());

export const OptionalLine = (max: number, description: string) =>
  applyDecorators(OptionalText(max, description), IsOneLine());
