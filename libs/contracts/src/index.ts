// Public API of the contracts: one namespace per proto package (`<service>V<major>`, generated
// from proto/; see README.md) and the wire helpers.
export * as commonV1 from './gen/common-v1.js';
export * as identityV1 from './gen/identity-v1.js';
export * as targetsV1 from './gen/targets-v1.js';
export {
  ContractError,
  decodeEvent,
  encodeEvent,
  fromRpcJson,
  toRpcJson,
  type ContractFieldError,
  type ContractFieldErrorCode,
} from './codec.js';
