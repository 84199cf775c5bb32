import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class PersonIdDto {
  @ApiProperty({ description: 'The directory id of a person' })
  @Matches(/^[A-Za-z0-9:._-]{1,100}$/, { message: 'personId must be a person id' })
  personId!: string;
}

export class PersonSessionDto extends PersonIdDto {
  @ApiProperty({ description: 'A session’s key, as the person’s sessions list it' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'key must be a session key' })
  key!: string;
}
