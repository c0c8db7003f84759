import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

// In-memory storage for the provider's short-lived state (sessions, interactions, codes, refresh
// tokens). It outlives a provider instance, so rotating keys (which builds a new provider) keeps
// everyone signed in. A restart signs everyone out, as intended for a development provider.

type Entry = { payload: AdapterPayload; expiresAt: number };

const grantable = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);

export class MemoryStore {
  readonly entries = new Map<string, Entry>();
  readonly byGrant = new Map<string, Set<string>>();
  readonly byUid = new Map<string, string>();
  readonly byUserCode = new Map<string, string>();

  get(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  /** Drops expired entries; called periodically so a long-running dev provider stays small. */
  sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    for (const [grantId, keys] of this.byGrant) {
      for (const key of keys) if (!this.entries.has(key)) keys.delete(key);
      if (keys.size === 0) this.byGrant.delete(grantId);
    }
    for (const index of [this.byUid, this.byUserCode]) {
      for (const [id, key] of index) if (!this.entries.has(key)) index.delete(id);
    }
  }

  adapterFactory(): AdapterFactory {
    return (model: string) => new MemoryAdapter(model, this);
  }
}

class MemoryAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly store: MemoryStore,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const key = this.key(id);
    const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY;
    this.store.entries.set(key, { payload, expiresAt });
    if (this.model === 'Session' && payload.uid) this.store.byUid.set(payload.uid, key);
    if (payload.userCode) this.store.byUserCode.set(payload.userCode, key);
    if (grantable.has(this.model) && payload.grantId) {
      const keys = this.store.byGrant.get(payload.grantId) ?? new Set<string>();
      keys.add(key);
      this.store.byGrant.set(payload.grantId, keys);
    }
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.store.get(this.key(id));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const key = this.store.byUid.get(uid);
    return key ? this.store.get(key) : undefined;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const key = this.store.byUserCode.get(userCode);
    return key ? this.store.get(key) : undefined;
  }

  async consume(id: string): Promise<void> {
    const payload = this.store.get(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.store.entries.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const key of this.store.byGrant.get(grantId) ?? []) this.store.entries.delete(key);
    this.store.byGrant.delete(grantId);
  }
}
