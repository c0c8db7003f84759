import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthError } from '@kinerja/platform/auth';
import type { Logger } from '@kinerja/platform/logging';
import type { FieldError } from '@kinerja/platform/errors';
import { isApiErrorCode, type ApiErrorCode } from './error-status.js';
import { PROBLEM_CONTENT_TYPE, problemOf, ProblemException } from './problem.js';

type Mapped = { code: ApiErrorCode; detail: string; fields: FieldError[]; headers: Record<string, string> };

// What the services send back over RPC: a typed code, a message and field errors, never a stack.
function isRpcCallError(error: unknown): error is Error & { code: string; fields?: FieldError[] } {
  return (
    error instanceof Error && error.name === 'RpcCallError' && typeof (error as { code?: unknown }).code === 'string'
  );
}

const fastifyCodes: Record<string, ApiErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
};

export function mapError(error: unknown): Mapped {
  const plain = (code: ApiErrorCode, detail: string): Mapped => ({ code, detail, fields: [], headers: {} });
  if (error instanceof ProblemException) {
    return { code: error.code, detail: error.detail, fields: error.fields, headers: error.headers };
  }
  if (error instanceof AuthError) return plain('UNAUTHENTICATED', 'A valid bearer token is required.');
  if (isRpcCallError(error)) {
    const code = isApiErrorCode(error.code) ? error.code : 'INTERNAL';
    return {
      code,
      detail: code === 'INTERNAL' ? 'Internal error.' : error.message,
      fields: error.fields ?? [],
      headers: {},
    };
  }
  // Nest wraps Fastify's own errors (body parsing, limits) in an HttpException whose cause keeps the code.
  const origin = error instanceof HttpException && error.cause !== undefined ? error.cause : error;
  const fastifyCode = typeof (origin as { code?: unknown })?.code === 'string' ? (origin as { code: string }).code : '';
  if (fastifyCode in fastifyCodes) {
    const code = fastifyCodes[fastifyCode] as ApiErrorCode;
    const detail =
      code === 'MALFORMED_JSON'
        ? 'The request body is not valid JSON.'
        : code === 'PAYLOAD_TOO_LARGE'
          ? 'The request body is larger than allowed.'
          : code === 'UNSUPPORTED_MEDIA_TYPE'
            ? 'The request body must be application/json.'
            : 'The request is malformed.';
    return plain(code, detail);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) return plain('ROUTE_NOT_FOUND', 'No such route.');
    if (status === 405) return plain('METHOD_NOT_ALLOWED', 'Method not allowed.');
    if (status === 413) return plain('PAYLOAD_TOO_LARGE', 'The request body is larger than allowed.');
    if (status === 415) return plain('UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type.');
    if (status >= 400 && status < 500) return plain('VALIDATION_FAILED', 'The request is malformed.');
  }
  return plain('INTERNAL', 'Internal error.');
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, mapped: Mapped): FastifyReply {
  const problem = problemOf(mapped.code, mapped.detail, request.url.split('?')[0], mapped.fields);
  for (const [name, value] of Object.entries(mapped.headers)) void reply.header(name, value);
  return reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const mapped = mapError(error);
    if (mapped.code === 'INTERNAL') this.logger.error({ err: error }, 'unhandled error');
    void sendProblem(http.getResponse<FastifyReply>(), http.getRequest<FastifyRequest>(), mapped);
  }
}
