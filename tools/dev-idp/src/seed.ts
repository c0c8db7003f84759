import { readFile } from 'node:fs/promises';
import { z } from 'zod';

import { integrationScopes, oidcScopes, realmManagementRoles, realmRoles, type RealmRole } from './realm.js';

// The seed file describes the realm the dev provider serves: its settings, clients and first users.
// It carries no real secret: confidential clients hold `devOnlySecret` values that only work here.

export const grantTypes = ['authorization_code', 'refresh_token', 'password', 'client_credentials'] as const;
export type GrantType = (typeof grantTypes)[number];

const role = z.enum(realmRoles);
const uuid = z.uuid();

const seedClientSchema = z
  .object({
    clientId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string().min(1).optional(),
    public: z.boolean(),
    devOnlySecret: z.string().startsWith('dev-only-').optional(),
    grants: z.array(z.enum(grantTypes)).min(1),
    redirectUris: z.array(z.url()).default([]),
    postLogoutRedirectUris: z.array(z.url()).default([]),
    // Scopes beyond the realm defaults (openid, profile, email) this client may request.
    optionalScopes: z.array(z.enum([...integrationScopes, 'offline_access'])).default([]),
    serviceAccount: z
      .object({
        realmRoles: z.array(role).default([]),
        realmManagementRoles: z.array(z.enum(realmManagementRoles)).default([]),
      })
      .optional(),
  })
  .superRefine((client, ctx) => {
    if (client.public === (client.devOnlySecret !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'a public client has no secret; a confidential one needs devOnlySecret',
      });
    }
    const usesCode = client.grants.includes('authorization_code');
    if (usesCode !== client.redirectUris.length > 0) {
      ctx.addIssue({ code: 'custom', message: 'redirectUris are required exactly when authorization_code is granted' });
    }
    if (client.grants.includes('client_credentials') === (client.serviceAccount === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'serviceAccount is required exactly when client_credentials is granted',
      });
    }
    if (client.public && client.grants.includes('client_credentials')) {
      ctx.addIssue({ code: 'custom', message: 'a public client cannot use client_credentials' });
    }
  });

const seedUserSchema = z.object({
  id: uuid.optional(),
  username: z.string().min(1).max(255),
  password: z.string().min(1).optional(),
  email: z.email().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  roles: z.array(role).optional(),
  tenantId: uuid.optional(),
  employeeId: uuid.optional(),
  enabled: z.boolean().optional(),
});

export const seedSchema = z
  .object({
    realm: z.literal('kinerja'),
    audience: z.string().min(1),
    accessTokenLifespanSeconds: z.number().int().min(10).max(86_400),
    roles: z.array(role).min(1),
    defaultRoles: z.array(role),
    clientScopes: z.array(z.enum([...oidcScopes, ...integrationScopes])),
    clients: z.array(seedClientSchema).min(1),
    users: z.array(seedUserSchema).default([]),
  })
  .superRefine((seed, ctx) => {
    const ids = seed.clients.map((c) => c.clientId);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', path: ['clients'], message: 'duplicate clientId' });
    for (const r of seed.defaultRoles) {
      if (!seed.roles.includes(r))
        ctx.addIssue({ code: 'custom', path: ['defaultRoles'], message: `unknown role ${r}` });
    }
  });

export type Seed = z.output<typeof seedSchema>;
export type SeedClient = Seed['clients'][number];

/** A user to create (or update, when the username exists) in the dev realm. */
export type SeedUser = {
  /** Fixed id, for reproducible demo data; a random uuid otherwise. */
  id?: string;
  username: string;
  /** Absent: the user cannot sign in with a password until one is set. */
  password?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  /** Realm roles; the realm's default roles when absent. */
  roles?: RealmRole[];
  /** Absent for platform-level users (platform operator, national monitor). */
  tenantId?: string;
  employeeId?: string;
  enabled?: boolean;
};

export class SeedError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid seed file ${file}: ${problems.join('; ')}`);
    this.name = 'SeedError';
  }
}

export function parseSeed(input: unknown, file = '(inline)'): Seed {
  const parsed = seedSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new SeedError(
    file,
    parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`),
  );
}

export function parseSeedUser(input: SeedUser): SeedUser {
  const parsed = seedUserSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new SeedError(
    'user',
    parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`),
  );
}

export async function loadSeed(file: string): Promise<Seed> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (cause) {
    throw new SeedError(file, [`cannot read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new SeedError(file, ['not valid JSON']);
  }
  return parseSeed(json, file);
}
