import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsEmailAddress } from '../../http/edge/email-address';
import { IsWellFormedText } from '../../http/edge/well-formed-text';

export class EmailDto {
  @ApiProperty({ format: 'email' })
  @IsEmailAddress('email')
  @MaxLength(254)
  email!: string;
}

export class PasswordSignInDto extends EmailDto {
  @ApiProperty({ format: 'password', maxLength: 256 })
  @IsString({ message: 'password must be text' })
  @IsNotEmpty({ message: 'password is required' })
  @MaxLength(256, { message: 'password must be at most 256 characters' })
  @IsWellFormedText()
  password!: string;
}

export class SecondFactorDto {
  @ApiPropertyOptional({ description: 'The 6-digit code from the authenticator app' })
  @IsOptional()
  @Matches(/^[\d ]{6,9}$/, { message: 'code must be the 6 digits the authenticator app shows' })
  code?: string;

  @ApiPropertyOptional({ description: 'One of the recovery codes, instead of a code' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9 -]{10,24}$/, { message: 'recoveryCode must be one of your recovery codes' })
  recoveryCode?: string;
}

export class EnrolmentConfirmationDto {
  @ApiProperty({ description: 'The 6-digit code the authenticator app shows for the new secret' })
  @Matches(/^[\d ]{6,9}$/, { message: 'code must be the 6 digits the authenticator app shows' })
  code!: string;
}

export class SetPasswordDto {
  @ApiProperty({ description: 'The token from the invitation or password-reset link' })
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token must be the one from the link' })
  token!: string;

  @ApiProperty({ format: 'password', minLength: 12, maxLength: 256 })
  @IsString({ message: 'password must be text' })
  @MaxLength(256, { message: 'password must be at most 256 characters' })
  @IsWellFormedText()
  password!: string;
}
