import { describe, expect, it } from '@jest/globals';

import { hashPassword, verifyPassword } from './password-hash.js';

describe('hashPassword', () => {
  it('produces a salted scrypt hash that verifies only the same password', async () => {
    const stored = await hashPassword('rahasia-123');
    expect(stored).toMatch(/^scrypt\$16384\$2\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(stored).not.toContain('rahasia');
    await expect(verifyPassword('rahasia-123', stored)).resolves.toBe(true);
    await expect(verifyPassword('rahasia-124', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('salts each hash', async () => {
    const [a, b] = await Promise.all([hashPassword('sama'), hashPassword('sama')]);
    expect(a).not.toBe(b);
  });

  it.each([
    ['empty', ''],
    ['another scheme', 'bcrypt$10$abc'],
    ['bad cost', 'scrypt$0$8$1$c2FsdA$aGFzaA'],
    ['short hash', 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0$aGFzaA'],
  ])('rejects a malformed stored value (%s)', async (_label, stored) => {
    await expect(verifyPassword('anything', stored)).resolves.toBe(false);
  });
});
