import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy';

export interface DeclaredRoute {
  readonly controller: string;
  readonly handler: string;
  readonly method: number;
  readonly path: string;
  readonly policy: AccessPolicy | undefined;
}

/**
 * Every route the app serves, with the access policy it declares. The app refuses to start with a
 * route that declares none: the guard would refuse it to everybody, which is safe but a mistake.
 */
@Injectable()
export class RoutePolicyCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  routes(): DeclaredRoute[] {
    const routes: DeclaredRoute[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as object | undefined;
      const metatype = wrapper.metatype;
      if (!instance || !metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        routes.push({
          controller: metatype.name,
          handler: name,
          method: Reflect.getMetadata(METHOD_METADATA, handler) as number,
          path: `${String(Reflect.getMetadata(PATH_METADATA, metatype))}/${path}`,
          policy: this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
            handler as () => void,
            metatype,
          ]),
        });
      }
    }
    return routes;
  }

  onApplicationBootstrap(): void {
    const undeclared = this.routes().filter((route) => !route.policy);
    if (undeclared.length > 0)
      throw new Error(
        `Routes with no access policy: ${undeclared.map((r) => `${r.controller}.${r.handler}`).join(', ')}`,
      );
  }
}
