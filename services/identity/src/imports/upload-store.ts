import type { ObjectStore } from '@nats-io/obj';

// Where an uploaded file waits for its import (libs/platform messaging/uploads.ts): the gateway wrote it, this
// service reads it once and removes it when the job is done.

export type UploadStore = {
  /** The file's bytes, or null when there is no such upload (expired, or never written). */
  read(name: string): Promise<Uint8Array | null>;
  remove(name: string): Promise<void>;
};

export const UPLOAD_STORE = Symbol('UPLOAD_STORE');

export class ObjectStoreUploads implements UploadStore {
  constructor(private readonly store: Promise<ObjectStore>) {}

  async read(name: string): Promise<Uint8Array | null> {
    return (await this.store).getBlob(name);
  }

  async remove(name: string): Promise<void> {
    await (await this.store).delete(name).catch(() => undefined);
  }
}
