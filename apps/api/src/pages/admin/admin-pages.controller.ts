import { Get, Req, Res } from '@nestjs/common';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { PageController } from '../core/page-controller';
import { PageRenderer } from '../core/page-renderer';

/** The administrators' start: a link to each thing they look after. */
@PageController('admin')
@RolesAllowed('admin')
export class AdminPagesController {
  constructor(private readonly pages: PageRenderer) {}

  @Get()
  index(@Req() request: RequestWithIdentity, @Res() response: Response) {
    this.pages.render(request, response, 'admin/index.njk', { pageTitle: 'Administration' });
  }
}
