import type { FastifyReply } from 'fastify';
import { ProblemException } from './problem.js';

// Optimistic concurrency on the documents several people edit (ARCHITECTURE.md "API"): the ETag is the
// aggregate's version; `If-Match` with it makes the service refuse a change made since (412).

/** The version named by an If-Match header; '' when there is none (or `*`). */
export function versionFromIfMatch(header: string | undefined): string {
  if (header === undefined || header.trim() === '*') return '';
  const match = /^\s*(?:W\/)?"(\d{1,18})"\s*$/.exec(header);
  if (!match?.[1])
    throw new ProblemException('VALIDATION_FAILED', 'If-Match must be one ETag this API sent.', [
      { field: 'If-Match', code: 'INVALID_HEADER', message: 'Expected a quoted version, e.g. "3".' },
    ]);
  return match[1];
}

/** Sets the ETag of a reply whose body carries the aggregate with its `version`. */
export function withEtag<T>(reply: FastifyReply, body: T, version: string | bigint | undefined): T {
  if (version !== undefined && version !== '') void reply.header('etag', `"${String(version)}"`);
  return body;
}
