import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { runMain } from '@sg/config';
import { type AddressInfo } from 'node:net';

@Controller()
class HelloWorldController {
  @Get('hello')
  hello() {
    return { hello: 'world' };
  }
}

@Module({ controllers: [HelloWorldController] })
class HelloWorldModule {}

/**
 * The load benchmark's baseline: the least a NestJS 11 app on platform-express (as the engine is)
 * does for a GET answered with a small JSON body, on a free loopback port it prints as the API
 * does.
 */
runMain(async () => {
  const app = await NestFactory.create(HelloWorldModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as { address(): AddressInfo }).address();
  process.stdout.write(`hello world listening on 127.0.0.1:${port}\n`);
});
