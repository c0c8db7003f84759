import { randomUUID } from 'node:crypto';
import { z } from 'zod';

import { readJsonFile, writeJsonFile } from './json-file.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { realmRoles, type RealmRole } from './realm.js';

// The realm's users, kept in one JSON file in the data dir so a restart keeps them. Each write
// replaces the whole file; writes are serialised. Usernames are stored lower-cased, as Keycloak does.

const storedUserSchema = z.object({
  id: z.string().min(1),
  username: z.string().min(1),
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  enabled: z.boolean(),
  emailVerified: z.boolean(),
  createdTimestamp: z.number(),
  attributes: z.record(z.string(), z.array(z.string())),
  realmRoles: z.array(z.enum(realmRoles)),
  password: z.object({ hash: z.string(), temporary: z.boolean() }).optional(),
  // Set on the user Keycloak keeps behind each client with a service account.
  serviceAccountClientId: z.string().optional(),
});
const storeFileSchema = z.object({ version: z.literal(1), users: z.array(storedUserSchema) });

export type StoredUser = z.output<typeof storedUserSchema>;

export type NewUser = {
  id?: string;
  username: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  enabled?: boolean;
  emailVerified?: boolean;
  attributes?: Record<string, string[]>;
  realmRoles?: RealmRole[];
  password?: { value: string; temporary: boolean };
  serviceAccountClientId?: string;
};

export type UserChanges = Partial<
  Pick<StoredUser, 'email' | 'firstName' | 'lastName' | 'enabled' | 'emailVerified' | 'attributes' | 'realmRoles'>
>;

export type UserStoreErrorCode = 'USERNAME_TAKEN' | 'EMAIL_TAKEN' | 'ID_TAKEN' | 'NOT_FOUND';

export class UserStoreError extends Error {
  constructor(
    readonly code: UserStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UserStoreError';
  }
}

export type CredentialCheck = 'ok' | 'invalid' | 'disabled' | 'temporary-password';

export class UserStore {
  private readonly users = new Map<string, StoredUser>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string) {}

  static async open(file: string): Promise<UserStore> {
    const store = new UserStore(file);
    const raw = await readJsonFile(file);
    if (raw !== undefined) {
      const parsed = storeFileSchema.safeParse(raw);
      if (!parsed.success) throw new Error(`The user file ${file} is not valid; move it away to start afresh`);
      for (const user of parsed.data.users) store.users.set(user.id, user);
    }
    return store;
  }

  all(): StoredUser[] {
    return [...this.users.values()].sort((a, b) => a.username.localeCompare(b.username));
  }

  byId(id: string): StoredUser | undefined {
    return this.users.get(id);
  }

  byUsername(username: string): StoredUser | undefined {
    const wanted = username.toLowerCase();
    return this.all().find((u) => u.username === wanted);
  }

  byServiceAccountClient(clientId: string): StoredUser | undefined {
    return this.all().find((u) => u.serviceAccountClientId === clientId);
  }

  async create(input: NewUser): Promise<StoredUser> {
    const username = input.username.toLowerCase();
    if (this.byUsername(username)) throw new UserStoreError('USERNAME_TAKEN', 'User exists with same username');
    if (input.email && this.emailTaken(input.email))
      throw new UserStoreError('EMAIL_TAKEN', 'User exists with same email');
    const id = input.id ?? randomUUID();
    if (this.users.has(id)) throw new UserStoreError('ID_TAKEN', 'User exists with same id');
    const user: StoredUser = {
      id,
      username,
      email: input.email?.toLowerCase(),
      firstName: input.firstName,
      lastName: input.lastName,
      enabled: input.enabled ?? true,
      emailVerified: input.emailVerified ?? false,
      createdTimestamp: Date.now(),
      attributes: input.attributes ?? {},
      realmRoles: [...new Set(input.realmRoles ?? [])],
      password: input.password
        ? { hash: await hashPassword(input.password.value), temporary: input.password.temporary }
        : undefined,
      serviceAccountClientId: input.serviceAccountClientId,
    };
    this.users.set(id, user);
    await this.persist();
    return user;
  }

  async update(id: string, changes: UserChanges): Promise<StoredUser> {
    const user = this.require(id);
    const email = changes.email === undefined ? user.email : changes.email.toLowerCase() || undefined;
    if (email && email !== user.email && this.emailTaken(email)) {
      throw new UserStoreError('EMAIL_TAKEN', 'User exists with same email');
    }
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    const next: StoredUser = {
      ...user,
      ...given,
      email,
      realmRoles: changes.realmRoles ? [...new Set(changes.realmRoles)] : user.realmRoles,
    };
    this.users.set(id, next);
    await this.persist();
    return next;
  }

  async setPassword(id: string, value: string, temporary: boolean): Promise<void> {
    const user = this.require(id);
    this.users.set(id, { ...user, password: { hash: await hashPassword(value), temporary } });
    await this.persist();
  }

  async delete(id: string): Promise<void> {
    this.require(id);
    this.users.delete(id);
    await this.persist();
  }

  async checkPassword(user: StoredUser, password: string): Promise<CredentialCheck> {
    if (!user.password || !(await verifyPassword(password, user.password.hash))) return 'invalid';
    if (!user.enabled) return 'disabled';
    return user.password.temporary ? 'temporary-password' : 'ok';
  }

  private require(id: string): StoredUser {
    const user = this.users.get(id);
    if (!user) throw new UserStoreError('NOT_FOUND', 'User not found');
    return user;
  }

  private emailTaken(email: string): boolean {
    const wanted = email.toLowerCase();
    return this.all().some((u) => u.email === wanted);
  }

  private persist(): Promise<void> {
    const snapshot = { version: 1 as const, users: this.all() };
    this.writing = this.writing.catch(() => undefined).then(() => writeJsonFile(this.file, snapshot));
    return this.writing;
  }
}
