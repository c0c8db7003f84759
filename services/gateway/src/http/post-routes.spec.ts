import { describe, expect, it } from '@jest/globals';
import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { GatewayModule, type GatewayDeps } from '../gateway.module.js';
import { IdempotencyInterceptor } from './idempotency.js';

// The Idempotency-Key interceptor is on the POST routes only (@IdempotentPost): no POST route may miss it, and no
// other route carries it.
describe('gateway routes and the Idempotency-Key interceptor', () => {
  const controllers = (GatewayModule.forRoot({ config: {} } as GatewayDeps).controllers ?? []) as (new (
    ...args: never[]
  ) => object)[];
  const routes = controllers.flatMap((controller) =>
    Object.getOwnPropertyNames(controller.prototype)
      .filter((name) => name !== 'constructor')
      .map((name) => {
        const handler = (controller.prototype as Record<string, unknown>)[name] as object;
        return {
          route: `${controller.name}.${name}`,
          method: Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined,
          interceptors: (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []) as unknown[],
        };
      })
      .filter((r) => r.method !== undefined),
  );

  it('finds the POST routes', () => {
    expect(routes.filter((r) => r.method === RequestMethod.POST).length).toBeGreaterThanOrEqual(12);
  });

  it.each(routes.map((r) => [r.route, r] as const))('%s', (_name, route) => {
    expect(route.interceptors.includes(IdempotencyInterceptor)).toBe(route.method === RequestMethod.POST);
  });
});
