import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Req,
  UseInterceptors,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Directory, PeopleRecords } from '@sg/directory';
import { IdempotencyInterceptor } from '../../http/idempotency.interceptor';
import { RolesAllowed } from '../access-policy';
import { SchoolAddressDto } from '../dto/admin.dto';
import { SchoolPathDto } from '../../queries/list-query.dto';
import { type RequestWithIdentity } from '../request-identity';

/**
 * The addresses and domains a school's mail and sign-in links may come from: an address reaching a
 * school is how school staff sign in, and (with email intake) how mail finds its school.
 */
@ApiTags('administration')
@Controller('api/admin/schools/:urn/addresses')
@RolesAllowed('admin')
@UseInterceptors(IdempotencyInterceptor)
export class SchoolAddressesController {
  constructor(
    private readonly directory: Directory,
    private readonly people: PeopleRecords,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The school’s registered addresses and domains' })
  async list(@Param() path: SchoolPathDto) {
    const school = await this.directory.school(path.urn);
    if (!school)
      throw new NotFoundException({ code: 'SCHOOL_NOT_FOUND', message: 'There is no such school' });
    return { urn: school.urn, name: school.name, emails: school.emails, domains: school.domains };
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Register an address or a domain for the school' })
  async register(
    @Param() path: SchoolPathDto,
    @Body() body: SchoolAddressDto,
    @Req() request: RequestWithIdentity,
  ) {
    const { alsoReaches } = await this.people.registerSchoolAddress(path.urn, body, {
      actor: { id: request.actor!.id, role: 'admin' },
    });
    return {
      ...(await this.list(path)),
      alsoReaches: alsoReaches.map((school) => ({ urn: school.urn, name: school.name })),
    };
  }

  @Post('removal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove an address or a domain from the school' })
  async remove(
    @Param() path: SchoolPathDto,
    @Body() body: SchoolAddressDto,
    @Req() request: RequestWithIdentity,
  ) {
    await this.people.removeSchoolAddress(path.urn, body, {
      actor: { id: request.actor!.id, role: 'admin' },
    });
    return this.list(path);
  }
}
