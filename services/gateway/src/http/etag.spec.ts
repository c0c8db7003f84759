import { describe, expect, it } from '@jest/globals';
import { versionFromIfMatch } from './etag.js';
import { ProblemException } from './problem.js';

describe(versionFromIfMatch.name, () => {
  it.each([
    [undefined, ''],
    ['*', ''],
    ['"3"', '3'],
    ['W/"12"', '12'],
    [' "7" ', '7'],
  ])('reads %s as version %s', (header, version) => {
    expect(versionFromIfMatch(header)).toBe(version);
  });

  it.each(['3', '"abc"', '"1", "2"', '""'])('refuses %s with a field error', (header) => {
    expect(() => versionFromIfMatch(header)).toThrow(ProblemException);
  });
});
