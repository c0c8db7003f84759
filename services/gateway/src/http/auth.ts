import {
  createParamDecorator,
  Inject,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AuthError, hasRole, TokenVerifier, type Principal, type RealmRole } from '@kinerja/platform/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config.js';
import { ProblemException } from './problem.js';
import { RateLimiter } from './rate-limiter.js';

const PUBLIC = 'kinerja:public';
const ROLES = 'kinerja:roles';

/** The route needs no token (health, OpenAPI). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Coarse role check at the gateway; fine-grained rights are the owning service's (ARCHITECTURE.md "Shape"). */
export const Roles = (...roles: RealmRole[]) => SetMetadata(ROLES, roles);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal; bearer?: string };

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new ProblemException('UNAUTHENTICATED', 'A valid bearer token is required.');
  return principal;
});

/** What the gateway forwards to a service with every request: the raw token, which the service verifies again. */
export const Forwarded = createParamDecorator((_: unknown, ctx: ExecutionContext): Record<string, string> => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  return request.bearer ? { authorization: `Bearer ${request.bearer}`, 'kinerja-request-id': String(request.id) } : {};
});

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly perClient: RateLimiter;

  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.perClient = new RateLimiter(config.RATE_LIMIT_PER_CLIENT);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    let principal: Principal;
    try {
      request.bearer = TokenVerifier.bearer(request.headers.authorization);
      principal = await this.verifier.verify(request.bearer);
    } catch (error) {
      if (error instanceof AuthError) {
        throw new ProblemException('UNAUTHENTICATED', 'A valid bearer token is required.', [], {
          'www-authenticate': 'Bearer realm="kinerja"',
        });
      }
      throw error;
    }
    const wait = this.perClient.hit(`${principal.clientId ?? ''}:${principal.subject}`);
    if (wait > 0) throw new ProblemException('RATE_LIMITED', 'Too many requests.', [], { 'retry-after': String(wait) });
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<RealmRole[] | undefined>(ROLES, targets);
    if (roles && !hasRole(principal, ...roles)) {
      throw new ProblemException('FORBIDDEN', 'Your roles do not allow this action.');
    }
    return true;
  }
}
