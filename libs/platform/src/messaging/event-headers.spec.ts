import { describe, expect, it } from '@jest/globals';
import { deadLetterHeaders, decodeEventMeta, eventHeadersOf, fromNatsHeaders, toNatsHeaders } from './event-headers.js';

const tenantId = '0b4f7c5e-5a3e-4c41-9d0e-2f1f6f0c8a11';
const row = {
  id: '6f1d2a50-8b7e-4c7a-a4a4-0d7e3c1b2a90',
  tenantId,
  eventType: 'kinerja.identity.v1.EmployeeCreated',
  aggregateType: 'employee',
  aggregateId: '199001012015011001',
  aggregateSeq: '3',
  createdAt: new Date('2026-01-05T03:04:05.678Z'),
  stored: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
};

describe('eventHeadersOf', () => {
  it('builds the CloudEvents and kinerja headers of an outbox row and keeps its trace context', () => {
    expect(eventHeadersOf(row, 'identity')).toEqual({
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      'ce-id': row.id,
      'ce-type': 'kinerja.identity.v1.EmployeeCreated',
      'ce-source': 'kinerja/identity',
      'ce-time': '2026-01-05T03:04:05.678Z',
      'ce-specversion': '1.0',
      'kinerja-tenant': tenantId,
      'kinerja-aggregate-type': 'employee',
      'kinerja-aggregate-id': '199001012015011001',
      'kinerja-aggregate-seq': '3',
    });
  });

  it('never lets stored headers replace the event attributes or set JetStream headers', () => {
    const headers = eventHeadersOf(
      {
        ...row,
        stored: {
          'CE-ID': 'forged',
          'kinerja-tenant': 'other',
          'Nats-Msg-Id': 'x',
          'nats-expected-stream': 'y',
          count: 3,
        },
      },
      'identity',
    );
    expect(headers['ce-id']).toBe(row.id);
    expect(headers['kinerja-tenant']).toBe(tenantId);
    expect(Object.keys(headers).filter((k) => k.startsWith('nats-'))).toEqual([]);
    expect(headers).not.toHaveProperty('count');
  });

  it('accepts rows without stored headers', () => {
    expect(Object.keys(eventHeadersOf({ ...row, stored: null }, 'targets'))).toHaveLength(9);
  });
});

describe('NATS header conversion', () => {
  it('round-trips through NATS headers with lowercased names', () => {
    const record = eventHeadersOf(row, 'identity');
    const nats = toNatsHeaders(record);
    nats.set('Nats-Msg-Id', row.id);
    expect(fromNatsHeaders(nats)).toEqual({ ...record, 'nats-msg-id': row.id });
  });

  it('reads no headers as an empty record', () => {
    expect(fromNatsHeaders(undefined)).toEqual({});
  });
});

describe('decodeEventMeta', () => {
  const headers = eventHeadersOf(row, 'identity');

  it('reads the id, type, tenant and aggregate sequence', () => {
    expect(decodeEventMeta(headers)).toEqual({
      ok: true,
      value: { id: row.id, type: row.eventType, tenantId, aggregateSeq: 3 },
    });
  });

  it.each([
    ['ce-id', /ce-id/],
    ['ce-type', /ce-type/],
    ['kinerja-tenant', /kinerja-tenant/],
    ['kinerja-aggregate-seq', /kinerja-aggregate-seq/],
  ])('refuses a message without %s', (name, problem) => {
    const { [name]: _dropped, ...rest } = headers;
    const decoded = decodeEventMeta(rest);
    expect(decoded.ok).toBe(false);
    expect(decoded.ok ? '' : decoded.problem).toMatch(problem);
  });

  it.each([['not-a-uuid'], ["'; DROP TABLE inbox; --"]])('refuses the tenant %s', (tenant) => {
    expect(decodeEventMeta({ ...headers, 'kinerja-tenant': tenant }).ok).toBe(false);
  });

  it.each([['0'], ['-1'], ['1.5'], ['x']])('refuses the sequence %s', (seq) => {
    expect(decodeEventMeta({ ...headers, 'kinerja-aggregate-seq': seq }).ok).toBe(false);
  });
});

describe('deadLetterHeaders', () => {
  it('keeps the original headers and adds the error message and the consumer', () => {
    const original = { ...eventHeadersOf(row, 'identity'), 'nats-msg-id': row.id };
    const error = new Error('tabel penuh');
    expect(deadLetterHeaders(original, 'targets-employee-created', error)).toEqual({
      ...eventHeadersOf(row, 'identity'),
      'kinerja-dlq-error': 'tabel penuh',
      'kinerja-dlq-consumer': 'targets-employee-created',
    });
  });

  it('carries the message on one line and never the stack', () => {
    const error = new Error('first line\nsecond line');
    const headers = deadLetterHeaders({}, 'c', error);
    expect(headers['kinerja-dlq-error']).toBe('first line second line');
    expect(headers['kinerja-dlq-error']).not.toContain('at ');
  });
});
