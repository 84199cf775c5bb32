import { NotFoundException } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { projectRoot } from '@sg/web';
import express, { type NextFunction, type Request, type Response } from 'express';
import { join } from 'node:path';

/**
 * The pages' assets under /assets: GOV.UK Frontend's fonts, images and built CSS and JavaScript,
 * the Ministry of Justice frontend's CSS, and our own few. Named files only, not the packages'
 * folders, so nothing else in node_modules is served.
 */
export function serveAssets(app: NestExpressApplication): void {
  const root = projectRoot();
  const govuk = join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk');
  const moj = join(root, 'node_modules', '@ministryofjustice', 'frontend', 'moj');
  const ours = join(root, 'libs', 'web', 'assets');
  const files: Record<string, string> = {
    'govuk-frontend.min.css': join(govuk, 'govuk-frontend.min.css'),
    'govuk-frontend.min.js': join(govuk, 'govuk-frontend.min.js'),
    'manifest.json': join(govuk, 'assets', 'manifest.json'),
    'moj-frontend.min.css': join(moj, 'moj-frontend.min.css'),
    'service-guarantee.css': join(ours, 'service-guarantee.css'),
    'init.js': join(ours, 'init.js'),
    'session-timeout.js': join(ours, 'session-timeout.js'),
  };
  const cached = { maxAge: '1d', index: false, fallthrough: false, dotfiles: 'deny' } as const;
  app.use('/assets/fonts', express.static(join(govuk, 'assets', 'fonts'), cached));
  // The MoJ frontend's CSS asks for its icons under /assets/images, beside GOV.UK's.
  app.use(
    '/assets/images',
    express.static(join(govuk, 'assets', 'images'), { ...cached, fallthrough: true }),
    express.static(join(moj, 'assets', 'images'), cached),
  );
  for (const [name, file] of Object.entries(files))
    app.use(
      `/assets/${name}`,
      function serveAssetFile(request: Request, response: Response, next: NextFunction) {
        if (request.method !== 'GET' && request.method !== 'HEAD') return next();
        response.sendFile(file, { maxAge: '1d' }, (error?: Error) => {
          if (error) next(error);
        });
      },
    );
  // `send` says a file that is not there with a 404 it marks as not to be shown (its message
  // names the folder): a request for what does not exist, not a fault of the server.
  app.use(
    '/assets',
    function assetNotFound(
      error: unknown,
      _request: Request,
      _response: Response,
      next: NextFunction,
    ) {
      next((error as { status?: unknown }).status === 404 ? new NotFoundException() : error);
    },
  );
}
