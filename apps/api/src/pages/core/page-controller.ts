import { applyDecorators, Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

/** A controller of pages: out of the API's description; its errors answered as pages. */
export const PageController = (prefix = '') =>
  applyDecorators(Controller(prefix), ApiExcludeController());
