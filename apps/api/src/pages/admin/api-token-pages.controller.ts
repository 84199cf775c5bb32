import { Body, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { type ApiTokenSummary, ApiTokens, needsSecondFactor, SignInRefused } from '@sg/auth';
import { LLE_SERVICES } from '@sg/directory';
import { type Response } from 'express';
import { DateTime } from 'luxon';
import { RolesAllowed } from '../../auth/access-policy';
import { AccountReasonDto, ApiTokenDto } from '../../auth/dto/admin.dto';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { PageController } from '../core/page-controller';
import { checkCsrf } from '../core/page-csrf';
import { checkForm, errorsByField, type FormMessages, textField } from '../core/page-form';
import { type PageError, PageRenderer } from '../core/page-renderer';
import { grantInWords, ROLE_NAMES, rolesFromForm, wordRoleErrors } from './role-form';

type Form = Record<string, unknown>;

const EXPIRY_FIELD = '#expiresAt-day';

const CREATE_MESSAGES: FormMessages<ApiTokenDto> = {
  name: {
    empty: 'Enter what the token is for',
    invalid: 'Enter what the token is for in 100 characters or fewer',
  },
  expiresAt: {
    empty: 'Enter the date the token stops working',
    invalid: 'Enter the date the token stops working as a real date, for example 31 3 2027',
  },
};

const REASON_MESSAGES: FormMessages<AccountReasonDto> = {
  reason: {
    empty: 'Enter why you are revoking the token',
    invalid: 'Enter a reason of 500 characters or fewer',
  },
};

/** The service's refusals of a token, said as what to change. */
const REFUSALS: Record<string, PageError> = {
  EXPIRY_IN_THE_PAST: {
    text: 'The date the token stops working must be in the future',
    href: EXPIRY_FIELD,
  },
  ROLE_NEEDS_A_PERSON: {
    text: 'Select only roles a token may hold: not the Board, finance or administrator',
    href: '#roles',
  },
};

/** Roles a token may hold: the ones that need no authenticator, which only a person has. */
const TOKEN_ROLES = Object.keys(ROLE_NAMES).filter(
  (role) => !needsSecondFactor([{ role } as Parameters<typeof needsSecondFactor>[0][number]]),
);

/**
 * The day, month and year fields as the instant the API takes: the end of that day in London. What
 * is not a date is passed on as written, for the DTO to refuse.
 */
function expiryFromForm(form: Form): string {
  const [day, month, year] = ['day', 'month', 'year'].map((part) =>
    textField(form, `expiresAt-${part}`).trim(),
  );
  if (!day && !month && !year) return '';
  const date =
    /^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year)
      ? DateTime.fromObject(
          { year: Number(year), month: Number(month), day: Number(day) },
          { zone: 'Europe/London' },
        )
      : null;
  return date?.isValid ? date.endOf('day').toISO() : `${year}-${month}-${day}`;
}

const tokenRow = (token: ApiTokenSummary) => ({
  ...token,
  roles: token.roles.map(grantInWords),
  live: token.revokedAt === null,
});

/** Tokens for other systems, from pages as through the API: made here, shown once, revocable. */
@PageController('admin/api-tokens')
@RolesAllowed('admin')
export class ApiTokenPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly tokens: ApiTokens,
  ) {}

  @Get()
  list(@Req() request: RequestWithIdentity, @Res() response: Response) {
    this.pages.render(request, response, 'admin/api-tokens.njk', {
      pageTitle: 'API tokens',
      columnClasses: 'govuk-grid-column-full',
      backLink: { href: '/admin', text: 'Administration' },
      tokens: this.tokens.list().map(tokenRow),
    });
  }

  @Get('new')
  createPage(@Req() request: RequestWithIdentity, @Res() response: Response) {
    this.renderCreate(request, response, {}, []);
  }

  @Post()
  async create(@Body() form: Form, @Req() request: RequestWithIdentity, @Res() response: Response) {
    checkCsrf(request, form.csrfToken);
    const roles = rolesFromForm(form);
    const body = { name: textField(form, 'name').trim(), roles, expiresAt: expiryFromForm(form) };
    const checked = await checkForm(ApiTokenDto, body, CREATE_MESSAGES);
    if (!checked.ok)
      return this.renderCreate(
        request,
        response,
        form,
        wordRoleErrors(checked.errors, roles).map((error) =>
          error.href === '#expiresAt' ? { ...error, href: EXPIRY_FIELD } : error,
        ),
        400,
      );
    try {
      const created = await this.tokens.create(checked.value, request.actor!);
      // The token is shown on this answer and never again, so it is not behind a redirect.
      response.setHeader('Cache-Control', 'no-store');
      this.pages.render(request, response, 'admin/api-token-created.njk', {
        pageTitle: 'API token created',
        token: tokenRow(created),
        secret: created.token,
      });
    } catch (error) {
      if (!(error instanceof SignInRefused) || !REFUSALS[error.code]) throw error;
      this.renderCreate(request, response, form, [REFUSALS[error.code]], 400);
    }
  }

  @Get(':tokenId/revocation')
  revokePage(
    @Param('tokenId') tokenId: string,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    this.renderRevoke(request, response, this.live(tokenId), {}, []);
  }

  @Post(':tokenId/revocation')
  async revoke(
    @Param('tokenId') tokenId: string,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    checkCsrf(request, form.csrfToken);
    const token = this.live(tokenId);
    const checked = await checkForm(
      AccountReasonDto,
      { reason: textField(form, 'reason').trim() },
      REASON_MESSAGES,
    );
    if (!checked.ok) return this.renderRevoke(request, response, token, form, checked.errors, 400);
    await this.tokens.revoke(token.tokenId, checked.value.reason, request.actor!);
    this.pages.redirect(response, '/admin/api-tokens', `The token ${token.name} no longer works`);
  }

  /** A token that still works; a revoked or unknown one has no revocation page. */
  private live(tokenId: string): ApiTokenSummary {
    const token = this.tokens.list().find((candidate) => candidate.tokenId === tokenId);
    if (!token || token.revokedAt !== null)
      throw new NotFoundException({
        code: 'TOKEN_NOT_FOUND',
        message: 'There is no such live token',
      });
    return token;
  }

  private renderCreate(
    request: RequestWithIdentity,
    response: Response,
    values: Form,
    errors: PageError[],
    status = 200,
  ) {
    this.pages.render(
      request,
      response,
      'admin/api-token-new.njk',
      {
        pageTitle: 'Create an API token',
        backLink: { href: '/admin/api-tokens', text: 'API tokens' },
        values,
        errorList: errors,
        fieldErrors: errorsByField(errors),
        roleNames: ROLE_NAMES,
        offeredRoles: TOKEN_ROLES,
        services: LLE_SERVICES.map((service) => ({ value: service.serviceId, text: service.name })),
      },
      status,
    );
  }

  private renderRevoke(
    request: RequestWithIdentity,
    response: Response,
    token: ApiTokenSummary,
    values: Form,
    errors: PageError[],
    status = 200,
  ) {
    this.pages.render(
      request,
      response,
      'admin/api-token-revoke.njk',
      {
        pageTitle: `Revoke the token ${token.name}`,
        backLink: { href: '/admin/api-tokens', text: 'API tokens' },
        token: tokenRow(token),
        values,
        errorList: errors,
        fieldErrors: errorsByField(errors),
      },
      status,
    );
  }
}
