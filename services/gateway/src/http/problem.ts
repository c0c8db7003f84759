import { trace } from '@opentelemetry/api';
import type { FieldError } from '@kinerja/platform/errors';
import { statusOf, type ApiErrorCode } from './error-status.js';

// RFC 9457 problem details with a stable `code`, the field errors and the trace id.
export type Problem = {
  type: string;
  title: string;
  status: number;
  code: ApiErrorCode;
  detail?: string;
  instance?: string;
  traceId?: string;
  errors?: FieldError[];
};

const titles: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export class ProblemException extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly detail: string,
    readonly fields: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ProblemException';
  }
}

export function problemOf(code: ApiErrorCode, detail: string, instance?: string, fields: FieldError[] = []): Problem {
  const status = statusOf(code);
  const traceId = trace.getActiveSpan()?.spanContext().traceId;
  return {
    type: `urn:kinerja:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: titles[status] ?? 'Error',
    status,
    code,
    detail,
    ...(instance ? { instance } : {}),
    ...(traceId && !/^0+$/.test(traceId) ? { traceId } : {}),
    ...(fields.length > 0 ? { errors: fields } : {}),
  };
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
