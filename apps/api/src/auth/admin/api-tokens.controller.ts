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
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiTokens } from '@sg/auth';
import { Matches } from 'class-validator';
import { AnswerShownOnce, IdempotencyInterceptor } from '../../http/idempotency.interceptor';
import { RolesAllowed } from '../access-policy';
import { AccountReasonDto, ApiTokenDto } from '../dto/admin.dto';
import { type RequestWithIdentity } from '../request-identity';

class TokenIdDto {
  @ApiProperty()
  @Matches(/^[0-9a-f]{16}$/, { message: 'tokenId must be a token id' })
  tokenId!: string;
}

/** Tokens for integrations: made here, shown once, revocable. */
@ApiTags('administration')
@Controller('api/admin/api-tokens')
@RolesAllowed('admin')
@UseInterceptors(IdempotencyInterceptor)
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokens) {}

  @Get()
  @ApiOperation({ summary: 'Every token: its roles, expiry, last use; never the token itself' })
  list() {
    return this.tokens.list();
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Make a token; the answer is the only time the token is shown' })
  @AnswerShownOnce('token')
  create(@Body() body: ApiTokenDto, @Req() request: RequestWithIdentity) {
    return this.tokens.create(body, request.actor!);
  }

  @Post(':tokenId/revocation')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop a token working, now' })
  async revoke(
    @Param() path: TokenIdDto,
    @Body() body: AccountReasonDto,
    @Req() request: RequestWithIdentity,
  ) {
    if (!(await this.tokens.revoke(path.tokenId, body.reason, request.actor!)))
      throw new NotFoundException({
        code: 'TOKEN_NOT_FOUND',
        message: 'There is no such live token',
      });
  }
}
