import { describe, expect, it } from '@jest/globals';
import { decodeCursor, encodeCursor, likeEscape, pageOf, pageSize } from './cursor.js';
import { searchOf } from './employees/list-employees.handler.js';
import { IdentityError } from './identity-error.js';

describe('cursor pagination', () => {
  it('round-trips a sort key and refuses what it did not write', () => {
    const cursor = encodeCursor(['rina marlina', '3f1e']);
    expect(decodeCursor(cursor, 2)).toEqual(['rina marlina', '3f1e']);
    expect(decodeCursor('', 2)).toBeNull();
    for (const bad of ['bukan-kursor', encodeCursor(['satu']), Buffer.from('{"a":1}').toString('base64url')])
      expect(() => decodeCursor(bad, 2)).toThrow(IdentityError);
  });

  it('keeps the page size and gives a cursor only when a further row exists', () => {
    expect(pageOf([1, 2, 3], 2, (n) => [String(n)])).toEqual({ items: [1, 2], nextCursor: encodeCursor(['2']) });
    expect(pageOf([1, 2], 2, (n) => [String(n)])).toEqual({ items: [1, 2], nextCursor: '' });
    expect(pageSize(0)).toBe(50);
    expect(pageSize(200)).toBe(200);
    expect(() => pageSize(201)).toThrow(IdentityError);
  });

  it('escapes LIKE wildcards', () => {
    expect(likeEscape('100%_a\\b')).toBe('100\\%\\_a\\\\b');
  });
});

describe(searchOf.name, () => {
  it.each([
    ['', undefined],
    ['  ', undefined],
    ['Ri', { kind: 'prefix', text: 'ri' }],
    ['Rina', { kind: 'words', words: ['rina'] }],
    ['  budi  SANT ', { kind: 'words', words: ['budi', 'sant'] }],
    ["Ma'ruf Amin", { kind: 'words', words: ['ma', 'ruf', 'amin'] }],
    ['a b c d e f', { kind: 'words', words: ['a', 'b', 'c', 'd'] }],
    ['%%%', undefined],
    ['1990 0115', { kind: 'nip', text: '19900115' }],
    ['50%', { kind: 'words', words: ['50'] }],
  ])('reads %j as %j', (q, search) => {
    expect(searchOf(q)).toEqual(search);
  });
});
