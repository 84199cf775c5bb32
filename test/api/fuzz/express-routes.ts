import { type INestApplication } from '@nestjs/common';
import { type Operation } from './openapi-operations';

type ExpressPath = string | RegExp | readonly (string | RegExp)[];

interface ExpressLayer {
  readonly route?: { readonly path: ExpressPath; readonly methods: Record<string, boolean> };
}

/** The OpenAPI description and Swagger UI: static files, not the app's own routes. */
const isDocumentation = (path: string) =>
  path === '/api/docs-json' || /^\/api\/docs(\/|-|$)/.test(path);

/**
 * The routes Express serves that the OpenAPI document leaves out (pages kept out of it, such as
 * those a sign-in email links to), as operations with no schema: they take input too.
 */
export function undocumentedOperations(
  app: INestApplication,
  documented: readonly Operation[],
): Operation[] {
  const express = app.getHttpAdapter().getInstance() as {
    router?: { stack: ExpressLayer[] };
    _router?: { stack: ExpressLayer[] };
  };
  // Express 5 keeps its router in `router`; Express 4 kept it in `_router`.
  const stack = (express.router ?? express._router)?.stack ?? [];
  const known = new Set(documented.map((operation) => `${operation.method} ${operation.path}`));
  const found = new Map<string, Operation>();
  for (const layer of stack) {
    const path = layer.route?.path;
    // Only plain paths: a pattern or a list is no route a client names.
    if (typeof path !== 'string' || isDocumentation(path)) continue;
    const template = path.replace(/:(\w+)/g, '{$1}');
    for (const [method, on] of Object.entries(layer.route!.methods)) {
      const verb = method.toUpperCase();
      if (!on || method === '_all' || verb === 'HEAD' || known.has(`${verb} ${template}`)) continue;
      found.set(`${verb} ${template}`, {
        method: verb,
        path: template,
        declaredPath: [],
        query: [],
        headers: [],
        body: verb === 'GET' || verb === 'DELETE' ? null : { type: 'object' },
      });
    }
  }
  return [...found.values()];
}
