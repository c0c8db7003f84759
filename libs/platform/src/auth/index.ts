export {
  hasRole,
  integrationScopes,
  realmRoles,
  tenantRoles,
  type IntegrationScope,
  type Principal,
  type RealmRole,
  type TenantRole,
} from './principal.js';
export { AuthError, TokenVerifier, type AuthFailure, type TokenVerifierOptions } from './token-verifier.js';
export { RPC_TOKEN_VERIFIER, RpcAuthGuard, RpcPrincipal, tenantOf } from './rpc-auth.js';
