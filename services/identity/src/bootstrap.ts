import { openUploads } from '@kinerja/platform/messaging';
import { startService, type RunningService } from '@kinerja/platform/service-host';
import { KeycloakAdminAccounts } from './accounts/account-provisioner.js';
import type { IdentityConfig } from './config.js';
import { identityEntities } from './entities.js';
import { IdentityModule } from './identity.module.js';
import { ObjectStoreUploads } from './imports/upload-store.js';

export function startIdentity(config: IdentityConfig): Promise<RunningService> {
  const issuer = config.OIDC_ISSUERS[0] as string;
  return startService({
    service: 'identity',
    config,
    entities: identityEntities,
    module: ({ db, verifier, nats }) =>
      IdentityModule.forRoot({
        db,
        verifier,
        accounts: new KeycloakAdminAccounts({
          issuer,
          clientId: config.IDP_ADMIN_CLIENT_ID,
          clientSecret: config.IDP_ADMIN_CLIENT_SECRET,
        }),
        uploads: new ObjectStoreUploads(openUploads(nats)),
        imports: { maxRows: config.IMPORT_MAX_ROWS, chunkRows: config.IMPORT_CHUNK_ROWS },
      }),
  });
}
