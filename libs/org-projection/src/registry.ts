import type { EntityManager } from 'typeorm';

// The tenants a service has heard of, with their zones, for its schedulers (docs/decisions/0008): ids only, no
// tenant's records, so it needs no tenant context.
export async function knownTenants(manager: EntityManager): Promise<{ tenantId: string; timeZone: string | null }[]> {
  const rows = (await manager.query(`SELECT tenant_id, time_zone FROM org_known_tenant ORDER BY tenant_id`)) as {
    tenant_id: string;
    time_zone: string | null;
  }[];
  return rows.map((r) => ({ tenantId: r.tenant_id, timeZone: r.time_zone }));
}
