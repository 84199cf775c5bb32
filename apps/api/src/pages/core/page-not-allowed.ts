import { ForbiddenException } from '@nestjs/common';

/** A person who may not take an action is told no more than that. */
export class PageNotAllowed extends ForbiddenException {
  constructor() {
    super({ code: 'NOT_AUTHORISED', message: 'You may not do this' });
  }
}
