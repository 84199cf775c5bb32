import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { releaseVersion } from '@sg/config';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { apiValidationPipe } from './http/validation.pipe';

/** What every instance of the HTTP app needs, in production and in tests alike. */
export function configureApp(app: INestApplication): void {
  app.useGlobalPipes(apiValidationPipe);
  app.useGlobalFilters(new ApiExceptionFilter());
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
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
