import { ApiPropertyOptional } from '@nestjs/swagger';
import { type Role, ROLES } from '@sg/complaints';
import { IsIn, IsOptional } from 'class-validator';
import { OptionalLine } from '../../complaints/dto/text';

/** The roles a person can hold: not the engine's own. */
const PERSON_ROLES = ROLES.filter((role) => role !== 'system');

/** Who an administrator looks for among people; both left out, everyone. */
export class PeopleQueryDto {
  @OptionalLine(100, 'Part of a name or an email address, in any case')
  q?: string;

  @ApiPropertyOptional({ enum: PERSON_ROLES, description: 'A role the people hold' })
  @IsOptional()
  @IsIn(PERSON_ROLES, { message: `role must be one of ${PERSON_ROLES.join(', ')}` })
  role?: Exclude<Role, 'system'>;
}
