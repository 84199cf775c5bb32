import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type Server } from 'node:http';
import request from 'supertest';
import { ApiExceptionFilter } from './api-exception.filter';

/** What the store's and Redis's clients throw when their server is out of reach. */
const redisGaveUp = Object.assign(new Error('Reached the max retries per request limit'), {
  name: 'MaxRetriesPerRequestError',
});
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
  code: 'ECONNREFUSED',
});

@Controller('api/probe')
class ThrowingController {
  @Get('redis')
  redis() {
    throw redisGaveUp;
  }
  @Get('store')
  store() {
    throw new Error('could not append', { cause: refused });
  }
  @Get('bug')
  bug() {
    throw new TypeError('Cannot read properties of undefined');
  }
  @Get('disk')
  disk() {
    throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
  }
}

describe('an error the API did not expect', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const module = await Test.createTestingModule({ controllers: [ThrowingController] }).compile();
    app = module.createNestApplication({ logger: false });
    app.useGlobalFilters(new ApiExceptionFilter());
    await app.init();
  });
  afterAll(() => app.close());
  const get = (path: string) => request(app.getHttpServer() as Server).get(path);

  it.each(['redis', 'store'])(
    'is a 503 to try again when %s is out of reach, not a failure of the request',
    async (what) => {
      const response = await get(`/api/probe/${what}`);
      expect(response.status).toBe(503);
      expect(response.body).toEqual({
        statusCode: 503,
        code: 'TEMPORARILY_UNAVAILABLE',
        message: 'This service is unavailable just now. Try again in a few minutes',
      });
    },
  );

  it.each(['bug', 'disk'])(
    'is a 500 that says nothing of its internals for a %s, which waiting will not mend',
    async (what) => {
      const response = await get(`/api/probe/${what}`);
      expect(response.status).toBe(500);
      expect(response.body).toEqual({
        statusCode: 500,
        code: 'INTERNAL_ERROR',
        message: 'Something went wrong',
      });
    },
  );
});
