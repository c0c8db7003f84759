import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import { ContractError, fromRpcJson } from '@kinerja/contracts';
import { IdentityError } from './identity-error.js';

/** Decodes an RPC payload once at the boundary; a payload that does not fit its contract is VALIDATION_FAILED. */
export function decodePayload<Desc extends DescMessage>(schema: Desc, payload: unknown): MessageShape<Desc> {
  try {
    return fromRpcJson(schema, payload);
  } catch (error) {
    if (error instanceof ContractError)
      throw new IdentityError('VALIDATION_FAILED', 'The request does not fit its contract.', error.fields);
    throw error;
  }
}
