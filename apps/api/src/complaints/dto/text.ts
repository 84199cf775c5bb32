import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { hasVisibleText } from '@sg/complaints';
import { IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import { IsWellFormedText } from '../../http/edge/well-formed-text';

/** Not empty, nor only spaces and line breaks (or zero-width marks), which say as little. */
const IsNotBlank = () =>
  ValidateBy({
    name: 'isNotBlank',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && hasVisibleText(value),
      defaultMessage: (args) => `${args?.property} should not be empty`,
    },
  });

/**
 * Control characters other than tab and line breaks (NUL, bell, escape, DEL, the C1 set): no
 * keyboard types them, a page cannot show them, and a mail header or a file name breaks on them.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const HasNoControlCharacters = () =>
  ValidateBy({
    name: 'hasNoControlCharacters',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !CONTROL.test(value),
      defaultMessage: (args) =>
        `${args?.property} must be text: it holds a control character (such as NUL) that no keyboard types`,
    },
  });

/**
 * No line break or tab: a name, a role or a summary is one line, and goes into mail headers and
 * one-line table cells.
 */
const LINE_BREAK = /[\t\n\r\u0085\u2028\u2029]/;

const IsOneLine = () =>
  ValidateBy({
    name: 'isOneLine',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !LINE_BREAK.test(value),
      defaultMessage: (args) => `${args?.property} must be one line, with no line breaks or tabs`,
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
    HasNoControlCharacters(),
  );

export const OptionalText = (max: number, description: string) =>
  applyDecorators(
    ApiPropertyOptional({ description, maxLength: max }),
    IsOptional(),
    IsString(),
    IsNotBlank(),
    MaxLength(max),
    IsWellFormedText(),
    HasNoControlCharacters(),
  );

/** Required text of one line: a name, a role, a summary. */
export const Line = (max: number, description: string) =>
  applyDecorators(Text(max, description), IsOneLine());

export const OptionalLine = (max: number, description: string) =>
  applyDecorators(OptionalText(max, description), IsOneLine());
