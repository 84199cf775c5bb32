import { Directory } from '@sg/directory';
import { Body, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { type ApiTokenSummary, ApiTokens, needsSecondFactor, SignInRefused } from '@sg/auth';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { AccountReasonDto, ApiTokenDto } from '../../auth/dto/admin.dto';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { PageController } from '../core/page-controller';
import { checkCsrf } from '../core/page-csrf';
import { dateBoxes, dayIn, nothingIn } from '../core/date-boxes';
import { checkForm, type FormMessages, textField } from '../core/page-form';
import { type PageError, PageRenderer } from '../core/page-renderer';
import { AdminForm } from './admin-form';
import { checkRoleForm, grantInWords, ROLE_CHOICES, ROLE_NAMES, rolesFromForm } from './role-form';

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
  EXPIRY_TOO_FAR: {
    text: 'The date the token stops working must be within 2 years: make a new token then',
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
  const boxes = dateBoxes(form, {
    day: 'expiresAt-day',
    month: 'expiresAt-month',
    year: 'expiresAt-year',
  });
  if (nothingIn(boxes)) return '';
  const day = dayIn(boxes, 'Europe/London');
  return day ? day.endOf('day').toISO()! : `${boxes.year}-${boxes.month}-${boxes.day}`;
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
    private readonly directory: Directory,
  ) {}

  @Get()
  async list(@Req() request: RequestWithIdentity, @Res() response: Response) {
    this.pages.render(request, response, 'admin/api-tokens.njk', {
      pageTitle: 'API tokens',
      columnClasses: 'govuk-grid-column-full',
      backLink: { href: '/admin', text: 'Administration' },
      tokens: (await this.tokens.list()).map(tokenRow),
    });
  }

  @Get('new')
  createPage(@Req() request: RequestWithIdentity, @Res() response: Response) {
    this.createForm(request, response).show();
  }

  @Post()
  async create(@Body() form: Form, @Req() request: RequestWithIdentity, @Res() response: Response) {
    checkCsrf(request, form.csrfToken);
    const body = {
      name: textField(form, 'name').trim(),
      roles: rolesFromForm(form),
      expiresAt: expiryFromForm(form),
    };
    const checked = await checkRoleForm(ApiTokenDto, body, this.directory, CREATE_MESSAGES);
    const page = this.createForm(request, response);
    if (!checked.ok)
      return page.show(
        form,
        checked.errors.map((error) =>
          error.href === '#expiresAt' ? { ...error, href: EXPIRY_FIELD } : error,
        ),
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
      page.show(form, [REFUSALS[error.code]]);
    }
  }

  @Get(':tokenId/revocation')
  async revokePage(
    @Param('tokenId') tokenId: string,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    this.revokeForm(request, response, await this.live(tokenId)).show();
  }

  @Post(':tokenId/revocation')
  async revoke(
    @Param('tokenId') tokenId: string,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    checkCsrf(request, form.csrfToken);
    const token = await this.live(tokenId);
    const checked = await checkForm(
      AccountReasonDto,
      { reason: textField(form, 'reason').trim() },
      REASON_MESSAGES,
    );
    await this.revokeForm(request, response, token).submit(form, checked, async ({ reason }) => {
      await this.tokens.revoke(token.tokenId, reason, request.actor!);
      return { to: '/admin/api-tokens', flash: `The token ${token.name} no longer works` };
    });
  }

  /** A token that still works; a revoked or unknown one has no revocation page. */
  private async live(tokenId: string): Promise<ApiTokenSummary> {
    const token = (await this.tokens.list()).find((candidate) => candidate.tokenId === tokenId);
    if (!token || token.revokedAt !== null)
      throw new NotFoundException({
        code: 'TOKEN_NOT_FOUND',
        message: 'There is no such live token',
      });
    return token;
  }

  private createForm(request: RequestWithIdentity, response: Response) {
    return new AdminForm(this.pages, request, response, 'admin/api-token-new.njk', {
      pageTitle: 'Create an API token',
      backLink: { href: '/admin/api-tokens', text: 'API tokens' },
      ...ROLE_CHOICES,
      offeredRoles: TOKEN_ROLES,
    });
  }

  private revokeForm(request: RequestWithIdentity, response: Response, token: ApiTokenSummary) {
    return new AdminForm(this.pages, request, response, 'admin/api-token-revoke.njk', {
      pageTitle: `Revoke the token ${token.name}`,
      backLink: { href: '/admin/api-tokens', text: 'API tokens' },
      token: tokenRow(token),
    });
  }
}
