import { Body, HttpCode, Post, Res, type Type, UseInterceptors } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ApiIdempotencyKey, ApiIfMatch } from './command-headers';
import { type Response } from 'express';
import { RolesAllowed } from '../auth/access-policy';
import { ComplaintIdempotencyInterceptor } from './complaint-idempotency.interceptor';
import { type CommandRequest, CommandRequestOf } from './command-request';
import { type ComplaintCommandRoute } from './complaint-command-routes';
import { Id } from './complaint-id.param';

interface RunsDeclared {
  runDeclared(
    route: ComplaintCommandRoute,
    complaintId: string,
    body: object,
    request: CommandRequest,
    res: Response,
  ): Promise<unknown>;
}

/**
 * Gives the controller one POST handler per declared command, decorated as a hand-written one
 * would be (route, status, access policy, OpenAPI summary, the body's class for validation), so
 * Nest, its validation pipe and the OpenAPI document treat them alike.
 */
export function serveCommandRoutes(
  controller: Type<RunsDeclared>,
  routes: readonly ComplaintCommandRoute[],
): void {
  const prototype = controller.prototype as unknown as Record<string, unknown>;
  for (const route of routes) {
    if (route.name in prototype) throw new Error(`${controller.name} already has ${route.name}`);
    const handler = function (
      this: RunsDeclared,
      complaintId: string,
      body: object,
      request: CommandRequest,
      res: Response,
    ) {
      return this.runDeclared(route, complaintId, body, request, res);
    };
    Object.defineProperty(handler, 'name', { value: route.name });
    Object.defineProperty(prototype, route.name, {
      value: handler,
      writable: true,
      configurable: true,
    });
    const descriptor = Object.getOwnPropertyDescriptor(prototype, route.name)!;
    Reflect.defineMetadata(
      'design:paramtypes',
      [String, route.body, Object, Object],
      prototype,
      route.name,
    );
    Id()(prototype, route.name, 0);
    Body()(prototype, route.name, 1);
    CommandRequestOf()(prototype, route.name, 2);
    Res({ passthrough: true })(prototype, route.name, 3);
    for (const decorate of [
      Post(`:id/${route.path}`),
      HttpCode(200),
      RolesAllowed(...route.roles),
      ApiOperation({ summary: route.summary, operationId: route.name }),
      ApiIfMatch,
      UseInterceptors(ComplaintIdempotencyInterceptor),
      ApiIdempotencyKey,
    ])
      decorate(prototype, route.name, descriptor);
  }
}
