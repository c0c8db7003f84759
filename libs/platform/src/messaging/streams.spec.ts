import { describe, expect, it } from '@jest/globals';
import { deadLetterSubject, eventStreamName, eventSubjects, serviceOfSubject } from './streams.js';

describe('event stream naming', () => {
  it.each([
    ['identity', 'EVT_IDENTITY'],
    ['development-planning', 'EVT_DEVELOPMENT_PLANNING'],
    ['msgtest_1a2b', 'EVT_MSGTEST_1A2B'],
  ])('names the stream of %s %s', (service, stream) => {
    expect(eventStreamName(service)).toBe(stream);
  });

  it('captures every event subject of the service', () => {
    expect(eventSubjects('targets')).toEqual(['evt.targets.>']);
  });

  it.each([
    ['evt.identity.*.employee.created', 'identity'],
    ['evt.development-planning.>', 'development-planning'],
  ])('finds the publishing service of %s', (subject, service) => {
    expect(serviceOfSubject(subject)).toBe(service);
  });

  it.each([['rpc.identity.employee.get'], ['evt.*.x.employee.created'], ['evt.>'], ['evt']])(
    'refuses %s, which is not one service’s event subject',
    (subject) => {
      expect(() => serviceOfSubject(subject)).toThrow(/Not an event subject/);
    },
  );

  it('puts dead letters under the prefix, keeping the original subject', () => {
    expect(deadLetterSubject('evt.identity.t1.employee.created')).toBe('dlq.evt.identity.t1.employee.created');
    expect(deadLetterSubject('evt.identity.t1.employee.created', 'dlq_test')).toBe(
      'dlq_test.evt.identity.t1.employee.created',
    );
  });
});
