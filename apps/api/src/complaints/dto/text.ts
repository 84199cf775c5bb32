import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsWellFormedText } from '../../http/edge/well-formed-text';

/** Required free text: a non-blank, well-formed string of at most `max` characters. */
export const Text = (max: number, description: string) =>
  applyDecorators(
    ApiProperty({ description, maxLength: max }),
    IsString(),
    IsNotEmpty(),
    MaxLength(max),
    IsWellFormedText(),
  );

export const OptionalText = (max: number, description: string) =>
  applyDecorators(
    ApiPropertyOptional({ description, maxLength: max }),
    IsOptional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(max),
    IsWellFormedText(),
  );
