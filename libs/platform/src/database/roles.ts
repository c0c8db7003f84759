// Database roles of one service (ARCHITECTURE.md "Data and tenancy"):
// - owner: owns the schema, runs migrations, never logs in (NOLOGIN);
// - app: what the service connects as; owns nothing, NOBYPASSRLS, NOINHERIT (it does not pick up the relay's rights);
// - relay: the outbox relay's role, reached by `SET ROLE` from the app login; it may read and mark every
//   tenant's outbox rows and nothing else.
export type ServiceRoles = { owner: string; app: string; relay: string };

const serviceName = /^[a-z][a-z0-9_]{1,40}$/;

export function rolesOf(service: string): ServiceRoles {
  if (!serviceName.test(service)) throw new Error(`Invalid service name for database roles: ${service}`);
  const base = `kinerja_${service.replaceAll('-', '_')}`;
  return { owner: `${base}_owner`, app: `${base}_app`, relay: `${base}_relay` };
}

export function databaseOf(service: string): string {
  return rolesOf(service.replaceAll('-', '_')).owner.replace(/_owner$/, '');
}
