import { readFileSync } from 'node:fs';

import { describe, expect, it } from '@jest/globals';

import { realmRoles } from './realm.js';
import { SeedError, parseSeed } from './seed.js';

const committed = JSON.parse(readFileSync(new URL('../seed.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const clientsOf = (seed: Record<string, unknown>) => seed.clients as Record<string, unknown>[];

function withClient(
  change: (client: Record<string, unknown>) => Record<string, unknown>,
  index = 0,
): Record<string, unknown> {
  const clients = clientsOf(structuredClone(committed));
  clients[index] = change(clients[index]!);
  return { ...committed, clients };
}

describe(parseSeed.name, () => {
  it('accepts the committed seed with all realm roles and no real secrets', () => {
    const seed = parseSeed(committed);
    expect(seed.roles).toEqual([...realmRoles]);
    expect(seed.defaultRoles).toEqual(['employee']);
    expect(seed.clients.map((c) => c.clientId)).toEqual([
      'kinerja-portal',
      'kinerja-cli',
      'kinerja-admin',
      'kinerja-integration-example',
    ]);
    for (const client of seed.clients) {
      if (!client.public) expect(client.devOnlySecret).toMatch(/^dev-only-/);
    }
    // The platform operator's password comes from the environment or is generated, never from the seed.
    expect(seed.users).toEqual([expect.objectContaining({ username: 'admin', roles: ['platform-admin'] })]);
    expect(seed.users[0]?.password).toBeUndefined();
  });

  it.each([
    ['a public client with a secret', (c: Record<string, unknown>) => ({ ...c, devOnlySecret: 'dev-only-x' })],
    ['a code-flow client without redirect URIs', (c: Record<string, unknown>) => ({ ...c, redirectUris: [] })],
    ['an unknown grant', (c: Record<string, unknown>) => ({ ...c, grants: ['implicit'] })],
  ])('refuses %s', (_label, change) => {
    expect(() => parseSeed(withClient(change))).toThrow(SeedError);
  });

  it.each([
    ['a confidential client without a secret', (c: Record<string, unknown>) => ({ ...c, devOnlySecret: undefined })],
    ['a secret not marked dev-only', (c: Record<string, unknown>) => ({ ...c, devOnlySecret: 'hunter2' })],
    [
      'client credentials without a service account',
      (c: Record<string, unknown>) => ({ ...c, serviceAccount: undefined }),
    ],
  ])('refuses %s', (_label, change) => {
    expect(() => parseSeed(withClient(change, 2))).toThrow(SeedError);
  });

  it('refuses an unknown realm role and names the field', () => {
    expect(() => parseSeed({ ...committed, defaultRoles: ['superuser'] })).toThrow(/defaultRoles/);
  });

  it('refuses duplicate client ids', () => {
    const clients = clientsOf(committed);
    expect(() => parseSeed({ ...committed, clients: [...clients, clients[0]] })).toThrow(/duplicate clientId/);
  });
});
