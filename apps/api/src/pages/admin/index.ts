import { AdminPagesController } from './admin-pages.controller';
import { ApiTokenPagesController } from './api-token-pages.controller';
import { ImportPagesController } from './import-pages.controller';
import { PeoplePagesController } from './people-pages.controller';
import { SchoolAddressPagesController } from './school-address-pages.controller';

/** The administrators' pages under /admin. */
export const ADMIN_PAGE_CONTROLLERS = [
  AdminPagesController,
  PeoplePagesController,
  SchoolAddressPagesController,
  ApiTokenPagesController,
  ImportPagesController,
];
