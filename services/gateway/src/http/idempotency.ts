import { createHash } from 'node:crypto';
import {
  applyDecorators,
  Inject,
  Injectable,
  Post,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { KV } from '@nats-io/kv';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, of, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from './auth.js';
import { ProblemException } from './problem.js';

// Idempotency-Key on POST (ARCHITECTURE.md "API"): the same key and body give the same response; the same key
// with another body is a conflict. Entries live in a NATS KV bucket with a TTL, so gateway replicas share them
// and the gateway itself keeps no state.

type Entry =
  | { state: 'pending'; fingerprint: string }
  | { state: 'done'; fingerprint: string; status: number; body: unknown; location?: string };

export const IDEMPOTENCY_KV = Symbol('IDEMPOTENCY_KV');
const keyPattern = /^[\x21-\x7e]{1,200}$/;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(IDEMPOTENCY_KV) private readonly kv: KV) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined) return next.handle();
    if (typeof header !== 'string' || !keyPattern.test(header)) {
      throw new ProblemException('VALIDATION_FAILED', 'Idempotency-Key must be 1 to 200 visible ASCII characters.', [
        { field: 'Idempotency-Key', code: 'INVALID_HEADER', message: 'Invalid Idempotency-Key.' },
      ]);
    }
    const reply = ctx.switchToHttp().getResponse<FastifyReply>();
    const key = sha256(`${request.principal?.subject ?? request.ip}\n${header}`);
    const fingerprint = sha256(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`);
    const status = (Reflect.getMetadata('__httpCode__', ctx.getHandler()) as number | undefined) ?? 201;
    return from(
      this.run(key, fingerprint, status, reply, () => lastValueFrom(next.handle(), { defaultValue: undefined })),
    );
  }

  private async run(
    key: string,
    fingerprint: string,
    status: number,
    reply: FastifyReply,
    handle: () => Promise<unknown>,
  ): Promise<unknown> {
    const pending: Entry = { state: 'pending', fingerprint };
    try {
      await this.kv.create(key, JSON.stringify(pending));
    } catch {
      const existing = await this.kv.get(key);
      const entry = existing?.string() ? (JSON.parse(existing.string()) as Entry) : undefined;
      if (!entry) return this.run(key, fingerprint, status, reply, handle);
      if (entry.fingerprint !== fingerprint) {
        throw new ProblemException('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with another request.');
      }
      if (entry.state === 'pending') {
        throw new ProblemException(
          'IDEMPOTENCY_KEY_IN_PROGRESS',
          'A request with this Idempotency-Key is in progress.',
          [],
          {
            'retry-after': '1',
          },
        );
      }
      void reply.status(entry.status).header('idempotent-replayed', 'true');
      if (entry.location) void reply.header('location', entry.location);
      return lastValueFrom(of(entry.body));
    }
    try {
      const body = await handle();
      const location = reply.getHeader('location');
      const done: Entry = {
        state: 'done',
        fingerprint,
        status,
        body,
        ...(typeof location === 'string' ? { location } : {}),
      };
      await this.kv.put(key, JSON.stringify(done));
      return body;
    } catch (error) {
      // A failed request leaves nothing behind: the client may retry with the same key.
      await this.kv.delete(key).catch(() => undefined);
      throw error;
    }
  }
}

/**
 * `@Post` with Idempotency-Key handling. The interceptor sits on the POST routes only: a route without any
 * interceptor skips Nest's interceptor chain, which GET /me and the other reads no longer pay for
 * (tools/bench/gateway-rpc). Every POST route of the gateway uses this instead of `@Post` (http/post-routes.spec.ts).
 */
export const IdempotentPost = (path?: string) => applyDecorators(Post(path), UseInterceptors(IdempotencyInterceptor));
