import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { type RoleGrant } from '@sg/complaints';
import { GRANTABLE_ROLES } from '@sg/directory';
import { ArrayMinSize, IsIn, isEmail, MaxLength, ValidateBy } from 'class-validator';
import { isWellFormedText } from '../../http/edge/well-formed-text';
import { Line, Text } from '../../complaints/dto/text';
import { IsCalendarInstant } from '../../http/edge/calendar-dates';
import { IsEmailAddress } from '../../http/edge/email-address';
import { IsRoleGrants } from './role-grants';

export const INVITED_SIGN_IN = ['password', 'identity-provider', 'email-link'] as const;

/** How someone signs in, as an administrator says it adding them or changing it. */
const SignInMethod = () =>
  applyDecorators(
    ApiProperty({ enum: INVITED_SIGN_IN, description: 'How they sign in' }),
    IsIn(INVITED_SIGN_IN, { message: `signIn must be one of ${INVITED_SIGN_IN.join(', ')}` }),
  );

/** Role grants as OpenAPI describes them; IsRoleGrants checks each role's own fields. */
const ROLE_GRANTS: ApiPropertyOptions = {
  type: 'array',
  items: {
    type: 'object',
    required: ['role'],
    properties: {
      role: { type: 'string', enum: GRANTABLE_ROLES },
      schoolUrn: { type: 'string', description: 'school-staff: the school' },
      serviceIds: {
        type: 'array',
        items: { type: 'string' },
        description: 'service-manager: the services managed',
      },
      chair: { type: 'boolean', description: 'board-member: whether they chair the Board' },
    },
  },
  example: [{ role: 'service-manager', serviceIds: ['schools-hr'] }],
};

export class RolesDto {
  @ApiProperty({ description: 'Every role the person should hold', ...ROLE_GRANTS })
  @IsRoleGrants('roles')
  roles!: RoleGrant[];
}

export class InvitePersonDto extends RolesDto {
  @Line(200, 'Their name')
  name!: string;

  @ApiProperty({ format: 'email' })
  @IsEmailAddress('email')
  @MaxLength(254)
  email!: string;

  @SignInMethod()
  signIn!: (typeof INVITED_SIGN_IN)[number];
}

export class SignInMethodDto {
  @SignInMethod()
  signIn!: (typeof INVITED_SIGN_IN)[number];
}

export class AccountReasonDto {
  @Text(500, 'Why')
  reason!: string;
}

/** Labels of letters, digits and hyphens, none starting or ending with one; a top level of letters. */
const DOMAIN =
  /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export const ADDRESS_KINDS = ['email', 'domain'] as const;

export class SchoolAddressDto {
  @ApiProperty({ enum: ADDRESS_KINDS })
  @IsIn(ADDRESS_KINDS, { message: 'kind must be email or domain' })
  kind!: (typeof ADDRESS_KINDS)[number];

  @ApiProperty({ example: 'brookside.lancs.sch.uk', description: 'An address, or a domain' })
  @ValidateBy({
    name: 'isSchoolAddress',
    validator: {
      validate: (value: unknown, args) =>
        typeof value === 'string' &&
        value.length <= 254 &&
        ((args?.object as SchoolAddressDto).kind === 'email'
          ? isWellFormedText(value) && isEmail(value)
          : DOMAIN.test(value)),
      defaultMessage: (args) =>
        (args?.object as SchoolAddressDto).kind === 'email'
          ? 'value must be an email address'
          : 'value must be a domain such as brookside.lancs.sch.uk',
    },
  })
  value!: string;
}

export class ApiTokenDto extends RolesDto {
  // Declared again with every rule: class-validator drops an inherited property's rules once a
  // subclass decorates it, so the grants' own check has to be named here too.
  @ApiProperty({ description: 'Every role the token should hold', ...ROLE_GRANTS })
  @IsRoleGrants('roles')
  @ArrayMinSize(1, {
    message: 'roles must name at least one role: a token with none can do nothing',
  })
  declare roles: RoleGrant[];

  @Line(100, 'What the token is for')
  name!: string;

  @ApiProperty({ format: 'date-time' })
  @IsCalendarInstant('expiresAt')
  expiresAt!: string;
}
