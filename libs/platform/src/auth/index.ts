export {
  hasRole,
  integrationScopes,
  realmRoles,
  type IntegrationScope,
  type Principal,
  type RealmRole,
} from './principal.js';
export { AuthError, TokenVerifier, type AuthFailure, type TokenVerifierOptions } from './token-verifier.js';
export { RPC_TOKEN_VERIFIER, RpcAuthGuard, RpcPrincipal, tenantOf } from './rpc-auth.js';
