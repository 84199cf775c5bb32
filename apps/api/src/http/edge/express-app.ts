import { type INestApplication } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';

/**
 * The app as the Express application it is. main.ts and the tests create it without naming an
 * adapter, which gives Express; the edge is built on Express middleware, so any other refuses here.
 */
export function expressAppOf(app: INestApplication): NestExpressApplication {
  const adapter = app.getHttpAdapter().getType();
  if (adapter !== 'express') throw new Error(`The API runs on Express, not on ${adapter}`);
  return app as NestExpressApplication;
}
