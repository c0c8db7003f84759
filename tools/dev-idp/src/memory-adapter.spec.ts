import { describe, expect, it } from '@jest/globals';

import { MemoryStore } from './memory-adapter.js';

describe(MemoryStore.name, () => {
  it('finds what was stored until it expires', async () => {
    const store = new MemoryStore();
    const codes = store.adapterFactory()('AuthorizationCode');
    await codes.upsert('a', { grantId: 'g1', clientId: 'c' }, 60);
    await codes.upsert('b', { grantId: 'g1', clientId: 'c' }, -1);
    expect(await codes.find('a')).toEqual({ grantId: 'g1', clientId: 'c' });
    expect(await codes.find('b')).toBeUndefined();
  });

  it('keeps models apart', async () => {
    const factory = new MemoryStore().adapterFactory();
    await factory('AccessToken').upsert('same', { clientId: 'x' }, 60);
    expect(await factory('RefreshToken').find('same')).toBeUndefined();
  });

  it('revokes every token of a grant', async () => {
    const factory = new MemoryStore().adapterFactory();
    await factory('RefreshToken').upsert('r1', { grantId: 'g1' }, 60);
    await factory('AuthorizationCode').upsert('c1', { grantId: 'g1' }, 60);
    await factory('RefreshToken').upsert('r2', { grantId: 'g2' }, 60);
    await factory('RefreshToken').revokeByGrantId('g1');
    expect(await factory('RefreshToken').find('r1')).toBeUndefined();
    expect(await factory('AuthorizationCode').find('c1')).toBeUndefined();
    expect(await factory('RefreshToken').find('r2')).toEqual({ grantId: 'g2' });
  });

  it('finds sessions by uid and marks consumption', async () => {
    const factory = new MemoryStore().adapterFactory();
    await factory('Session').upsert('s1', { uid: 'u1', accountId: 'acc' }, 60);
    expect(await factory('Session').findByUid('u1')).toMatchObject({ accountId: 'acc' });
    await factory('AuthorizationCode').upsert('c1', { grantId: 'g' }, 60);
    await factory('AuthorizationCode').consume('c1');
    expect((await factory('AuthorizationCode').find('c1'))?.consumed).toEqual(expect.any(Number));
  });

  it('sweeps expired entries and their indexes', async () => {
    const store = new MemoryStore();
    const sessions = store.adapterFactory()('Session');
    await sessions.upsert('s1', { uid: 'u1' }, -1);
    await store.adapterFactory()('RefreshToken').upsert('r1', { grantId: 'g1' }, -1);
    store.sweep();
    expect(store.entries.size).toBe(0);
    expect(store.byUid.size).toBe(0);
    expect(store.byGrant.size).toBe(0);
  });
});
