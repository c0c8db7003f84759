import { createParamDecorator, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ServiceError } from '../errors/index.js';
import type { Principal } from './principal.js';
import { AuthError, TokenVerifier } from './token-verifier.js';

// Services verify the token the gateway forwarded before trusting it (ARCHITECTURE.md "Identity and security").

export const RPC_TOKEN_VERIFIER = Symbol('RPC_TOKEN_VERIFIER');

type HeaderBag = { get(name: string): string };
type WithHeaders = { getHeaders(): HeaderBag | undefined };

const principals = new WeakMap<object, Principal>();

function rpcContext(ctx: ExecutionContext): WithHeaders & object {
  return ctx.switchToRpc().getContext<WithHeaders & object>();
}

@Injectable()
export class RpcAuthGuard implements CanActivate {
  constructor(@Inject(RPC_TOKEN_VERIFIER) private readonly verifier: TokenVerifier) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const context = rpcContext(ctx);
    const header = context.getHeaders?.()?.get('authorization') || undefined;
    try {
      principals.set(context, await this.verifier.verify(TokenVerifier.bearer(header)));
      return true;
    } catch (error) {
      if (error instanceof AuthError) throw new ServiceError('UNAUTHENTICATED', 'A valid bearer token is required.');
      throw error;
    }
  }
}

/** The verified caller of an RPC handler guarded by RpcAuthGuard. */
export const RpcPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = principals.get(rpcContext(ctx));
  if (!principal) throw new ServiceError('UNAUTHENTICATED', 'A valid bearer token is required.');
  return principal;
});

/** The caller's tenant, required for tenant-scoped work. */
export function tenantOf(principal: Principal): string {
  if (!principal.tenantId) throw new ServiceError('FORBIDDEN', 'This action needs an account of a tenant.');
  return principal.tenantId;
}
