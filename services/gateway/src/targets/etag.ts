import type { FastifyReply } from 'fastify';

// ETag/If-Match on documents edited by several people (ARCHITECTURE.md "API"): the tag is the resource's version;
// the owning service compares If-Match with it and answers 412 on a stale tag, 428 when a PUT carries none.
export function withEtag<T>(reply: FastifyReply, body: T, pick: (body: T) => { version?: string } | undefined): T {
  const version = pick(body)?.version;
  if (version !== undefined) void reply.header('etag', `"${version}"`);
  return body;
}
