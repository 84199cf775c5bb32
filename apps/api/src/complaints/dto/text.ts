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
