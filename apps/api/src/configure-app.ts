import { type INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type EnvironmentVariables, parseTrustedProxies, releaseVersion } from '@sg/config';
import { httpRequestLogging, METRICS_REGISTRY, serveMetrics } from '@sg/observability';
import { type Server } from 'node:http';
import { type Registry } from 'prom-client';
import { staffOnlyDocuments } from './auth/staff-only-documents';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { readBodies } from './http/edge/body-reading';
import { answerClientErrorsAsJson } from './http/edge/client-error-answer';
import { expressAppOf } from './http/edge/express-app';
import { noStoreOnPersonalPaths } from './http/edge/no-store';
import { securityHeaders } from './http/edge/security-headers';
import { apiValidationPipe } from './http/validation.pipe';
import { keepValidationMetadataLookups } from './http/validation-metadata-lookups';
import { serveAssets } from './pages/core/assets';
import { PageRenderer } from './pages/core/page-renderer';

/** What every instance of the HTTP app needs, in production and in tests alike. */
export function configureApp(app: INestApplication): void {
  const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  const express = expressAppOf(app);
  express.disable('x-powered-by');
  // Answers are no-store, and a complaint's ETag is its revision, set where it is read: a digest
  // of every body would cost each answer and tell a client nothing it could use.
  express.set('etag', false);
  const trustProxy = config.get('TRUST_PROXY', { infer: true });
  // Which proxies may say whose request it is: the limits per client address depend on it.
  if (trustProxy) express.set('trust proxy', parseTrustedProxies(trustProxy));
  answerClientErrorsAsJson(app.getHttpServer() as Server);
  const requestLogging = httpRequestLogging();
  // First of all, so every answer, a refusal included, has its request id and its log line.
  express.use(requestLogging.begin);
  // Before anything that can answer, so refusals and 404s carry the same headers as the rest.
  express.use(
    securityHeaders(config.get('NODE_ENV', { infer: true }) === 'production'),
    noStoreOnPersonalPaths,
  );
  // Outside Nest's guards: a scraper's bearer token is not an API token (see metricsAccess).
  express
    .getHttpAdapter()
    .getInstance()
    .get(
      '/metrics',
      serveMetrics(
        app.get<Registry>(METRICS_REGISTRY, { strict: false }),
        config.get('METRICS_TOKEN', { infer: true }),
        Boolean(trustProxy),
      ),
    );
  serveAssets(express);
  readBodies(express);
  // The body parsers hand the request on outside its logging context: bring it back.
  express.use(requestLogging.resume);
  keepValidationMetadataLookups();
  app.useGlobalPipes(apiValidationPipe);
  app.useGlobalFilters(new ApiExceptionFilter(app.get(PageRenderer, { strict: false })));
  // Last, so its routes come after the middleware above.
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Service Guarantee')
      .setDescription(
        'Complaints about Lancashire Learning Excellence traded services, and the 10-working-day service guarantee.',
      )
      .setVersion(releaseVersion())
      .build(),
  );
  // Every form Swagger serves the document in, each named here so that none is left unguarded.
  const documents = { page: 'api/docs', json: 'api/docs-json', yaml: 'api/docs-yaml' };
  if (config.get('NODE_ENV', { infer: true }) === 'production')
    express.use(
      Object.values(documents).map((path) => `/${path}`),
      staffOnlyDocuments(app),
    );
  SwaggerModule.setup(documents.page, app, document, {
    jsonDocumentUrl: documents.json,
    yamlDocumentUrl: documents.yaml,
  });
}
