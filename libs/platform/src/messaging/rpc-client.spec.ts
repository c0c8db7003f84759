import { describe, expect, it } from '@jest/globals';
import { decodeRpcReply, RpcCallError } from './rpc-client.js';

describe('decodeRpcReply', () => {
  it('reads the response of a reply', () => {
    expect(decodeRpcReply({ id: '1', response: { name: 'x' }, isDisposed: true })).toEqual({
      ok: true,
      response: { name: 'x' },
    });
  });

  it('reads a reply without a response (a handler that returns nothing)', () => {
    expect(decodeRpcReply({ id: '1', isDisposed: true })).toEqual({ ok: true, response: undefined });
  });

  it('reads a typed error with its field errors', () => {
    const err = {
      code: 'VALIDATION_FAILED',
      message: 'Bad',
      fields: [{ field: 'rhk.0.iki', code: 'REQUIRED', message: 'Wajib' }],
    };
    expect(decodeRpcReply({ id: '1', err })).toEqual({ ok: false, error: err });
  });

  it('reads a typed error without field errors as such', () => {
    expect(decodeRpcReply({ id: '1', err: { code: 'NOT_FOUND', message: 'No SKP' } })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No SKP' },
    });
  });

  it('turns an untyped error or a malformed reply into INTERNAL', () => {
    expect(
      decodeRpcReply({ id: '1', err: 'There is no matching message handler defined in the remote service.' }),
    ).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'There is no matching message handler defined in the remote service.' },
    });
    expect(decodeRpcReply({ id: '1', err: { status: 'error' } })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Internal error' },
    });
    expect(decodeRpcReply('nonsense')).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Malformed reply' } });
  });
});

describe(RpcCallError.name, () => {
  it('gives back the body exactly as the service sent it', () => {
    const body = { code: 'CONFLICT', message: 'Sudah disetujui' };
    const error = new RpcCallError('rpc.targets.skp.approve', body);
    expect(error.toBody()).toEqual(body);
    expect(error.subject).toBe('rpc.targets.skp.approve');
  });
});
