import { describe, expect, it } from '@jest/globals';
import { parseReplayArgs, UsageError } from './replay-args.js';

const env = { DB_URL: 'postgres://kinerja_identity_app@127.0.0.1:5432/kinerja_identity' };
const now = new Date('2026-01-05T10:00:00Z');

describe(parseReplayArgs.name, () => {
  it('reads the service, the range and the database URL', () => {
    expect(
      parseReplayArgs(
        ['--service', 'identity', '--from', '2026-01-05T08:00:00+07:00', '--to', '2026-01-05T09:30:00+07:00'],
        env,
        now,
      ),
    ).toEqual({
      url: env.DB_URL,
      service: 'identity',
      from: new Date('2026-01-05T01:00:00Z'),
      to: new Date('2026-01-05T02:30:00Z'),
    });
  });

  it('accepts a hyphenated service name', () => {
    expect(
      parseReplayArgs(['--service', 'development-planning', '--from', '2026-01-04T00:00:00Z'], env, now).service,
    ).toBe('development-planning');
  });

  it('replays up to now when --to is left out', () => {
    expect(parseReplayArgs(['--service', 'identity', '--from', '2026-01-04T00:00:00Z'], env, now).to).toEqual(now);
  });

  it.each([
    [['--from', '2026-01-04T00:00:00Z'], /--service is required/],
    [['--service', 'identity'], /--from is required/],
    [['--service', 'Identity!', '--from', '2026-01-04T00:00:00Z'], /not a service name/],
    [['--service', 'identity', '--from', '2026-01-04'], /ISO 8601 instant with an offset/],
    [['--service', 'identity', '--from', '2026-01-04T08:00:00'], /ISO 8601 instant with an offset/],
    [['--service', 'identity', '--from', '2026-01-05T11:00:00Z'], /before --to/],
    [['--service', 'identity', '--from', '2026-01-04T00:00:00Z', '--tenant', 'x'], /Unknown option/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseReplayArgs(argv, env, now)).toThrow(UsageError);
    expect(() => parseReplayArgs(argv, env, now)).toThrow(message);
  });

  it('names the missing DB_URL', () => {
    expect(() => parseReplayArgs(['--service', 'identity', '--from', '2026-01-04T00:00:00Z'], {}, now)).toThrow(
      /DB_URL \(missing\)/,
    );
  });
});
