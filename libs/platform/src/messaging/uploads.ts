import { randomUUID } from 'node:crypto';
import { Objm, type ObjectStore } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';

// Files uploaded through the gateway (bulk imports) travel to the owning service through a JetStream object store:
// the gateway streams the upload into it in chunks, the service reads it by name. Objects expire after a day, and
// the service removes one once it is done with it. Names start with the tenant id, so a service can refuse a name
// that is not the caller's tenant's.

export const UPLOAD_BUCKET = 'uploads';
export const UPLOAD_TTL_MS = 24 * 3_600_000;

export function openUploads(connection: NatsConnection): Promise<ObjectStore> {
  return new Objm(connection).create(UPLOAD_BUCKET, {
    ttl: UPLOAD_TTL_MS * 1_000_000,
    description: 'Uploaded files on their way to a service',
  });
}

export function uploadName(tenantId: string): string {
  return `${tenantId}/${randomUUID()}`;
}

export function isUploadOf(name: string, tenantId: string): boolean {
  return name.startsWith(`${tenantId}/`) && /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/i.test(name);
}
