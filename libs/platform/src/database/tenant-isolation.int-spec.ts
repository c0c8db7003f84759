import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { adminQuery, createTestDatabase, type TestDatabase } from '@kinerja/testing';
import { createTenantTable } from './migration-helpers.js';
import { createServiceDataSource } from './data-source.js';
import { TenantDatabase } from './tenant-database.js';
import type { DataSource } from 'typeorm';

class CreateWidgets1763800000001 implements MigrationInterface {
  name = 'CreateWidgets1763800000001';
  async up(runner: QueryRunner): Promise<void> {
    await createTenantTable(runner, { name: 'widget', columns: ['label text NOT NULL'] });
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE widget');
  }
}

describe('tenant isolation (R41, forced RLS)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let tenants: TenantDatabase;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase('platformtest', [CreateWidgets1763800000001]);
    dataSource = createServiceDataSource({ url: db.appUrl, service: 'platformtest', poolMax: 2 });
    await dataSource.initialize();
    tenants = new TenantDatabase(dataSource, 'platformtest');
    for (const [tenant, label] of [
      [tenantA, 'a1'],
      [tenantA, 'a2'],
      [tenantB, 'b1'],
    ] as const) {
      await tenants.withTenant(tenant, (tx) =>
        tx.manager.query('INSERT INTO widget (tenant_id, id, label) VALUES ($1, $2, $3)', [
          tenant,
          randomUUID(),
          label,
        ]),
      );
    }
  });

  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  const labels = async () =>
    (await adminQuery<{ label: string }>(db, 'SELECT label FROM widget ORDER BY label')).map((r) => r.label);

  it('reads only the current tenant even without a tenant filter', async () => {
    const rows = await tenants.withTenant(tenantA, (tx) => tx.manager.query('SELECT label FROM widget ORDER BY label'));
    expect(rows.map((r: { label: string }) => r.label)).toEqual(['a1', 'a2']);
  });

  it("updates and deletes nothing of another tenant's rows", async () => {
    await tenants.withTenant(tenantA, async (tx) => {
      await tx.manager.query(`UPDATE widget SET label = 'hacked' WHERE label = 'b1'`);
      await tx.manager.query(`DELETE FROM widget WHERE label = 'b1'`);
      await tx.manager.query(`UPDATE widget SET label = label WHERE tenant_id = $1`, [tenantB]);
    });
    expect(await labels()).toEqual(['a1', 'a2', 'b1']);
  });

  it('refuses to write a row into another tenant', async () => {
    await expect(
      tenants.withTenant(tenantA, (tx) =>
        tx.manager.query('INSERT INTO widget (tenant_id, id, label) VALUES ($1, $2, $3)', [tenantB, randomUUID(), 'x']),
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await labels()).toEqual(['a1', 'a2', 'b1']);
  });

  it('reads tenant tables as empty when no tenant is set, also on a pooled connection that had one', async () => {
    const client = new pg.Client({ connectionString: db.appUrl });
    await client.connect();
    try {
      expect((await client.query('SELECT * FROM widget')).rowCount).toBe(0);
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantA]);
      expect((await client.query('SELECT * FROM widget')).rowCount).toBe(2);
      await client.query('COMMIT');
      expect((await client.query('SELECT * FROM widget')).rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('gives the app role no way to disable or bypass row-level security', async () => {
    const client = new pg.Client({ connectionString: db.appUrl });
    await client.connect();
    const attempt = (sql: string) =>
      client.query(sql).then(
        () => 'allowed',
        (e: Error) => e.message,
      );
    try {
      expect(await attempt('ALTER TABLE widget DISABLE ROW LEVEL SECURITY')).toMatch(/must be owner/);
      expect(await attempt('ALTER TABLE widget NO FORCE ROW LEVEL SECURITY')).toMatch(/must be owner/);
      expect(await attempt('DROP POLICY tenant_isolation ON widget')).toMatch(/must be owner/);
      expect(await attempt('SET ROLE kinerja_platformtest_owner')).toMatch(/permission denied/);
      expect(await attempt('SET row_security = off')).toBe('allowed');
      expect(await attempt('SELECT * FROM widget')).toMatch(/row-level security/);
      await client.query('RESET row_security');
      const role = await client.query<{ rolbypassrls: boolean; rolsuper: boolean }>(
        'SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user',
      );
      expect(role.rows[0]).toEqual({ rolbypassrls: false, rolsuper: false });
      // The relay role reachable from the app login sees the outbox only.
      expect(await attempt('SET ROLE kinerja_platformtest_relay')).toBe('allowed');
      expect(await attempt('SELECT * FROM widget')).toMatch(/permission denied/);
    } finally {
      await client.end();
    }
  });

  it('commits recorded events with the change and none when the work fails', async () => {
    const id = randomUUID();
    await tenants.withTenant(tenantA, async (tx) => {
      await tx.manager.query('INSERT INTO widget (tenant_id, id, label) VALUES ($1, $2, $3)', [tenantA, id, 'c']);
      tx.outbox.record({
        aggregateType: 'widget',
        aggregateId: id,
        event: 'created',
        type: 't.Created',
        payload: new Uint8Array([1]),
      });
      tx.outbox.record({
        aggregateType: 'widget',
        aggregateId: id,
        event: 'renamed',
        type: 't.Renamed',
        payload: new Uint8Array([2]),
      });
    });
    await expect(
      tenants.withTenant(tenantA, async (tx) => {
        tx.outbox.record({
          aggregateType: 'widget',
          aggregateId: id,
          event: 'deleted',
          type: 't.Deleted',
          payload: new Uint8Array([3]),
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await tenants.withTenant(tenantA, async (tx) => {
      tx.outbox.record({
        aggregateType: 'widget',
        aggregateId: id,
        event: 'archived',
        type: 't.Archived',
        payload: new Uint8Array([4]),
      });
    });
    const rows = await adminQuery<{ event_type: string; aggregate_seq: string; subject: string }>(
      db,
      'SELECT event_type, aggregate_seq, subject FROM outbox WHERE aggregate_id = $1 ORDER BY position',
      [id],
    );
    expect(rows.map((r) => [r.event_type, Number(r.aggregate_seq)])).toEqual([
      ['t.Created', 1],
      ['t.Renamed', 2],
      ['t.Archived', 3],
    ]);
    expect(rows[0]?.subject).toBe(`evt.platformtest.${tenantA}.widget.created`);
  });

  describe('readAsTenant (one round trip)', () => {
    const read = (text: string, values: unknown[] = []) => ({
      name: `widget_${text.length}_${values.length}`,
      text,
      values,
    });

    // Rows are those written by the tests above too: compare with what withTenant sees, and with the seeds.
    const viaWithTenant = async (tenant: string) =>
      (
        (await tenants.withTenant(tenant, (tx) => tx.manager.query('SELECT label FROM widget ORDER BY label'))) as {
          label: string;
        }[]
      ).map((r) => r.label);

    it('reads only the current tenant even without a tenant filter', async () => {
      const rows = await tenants.readAsTenant<{ label: string }>(
        tenantA,
        read('SELECT label FROM widget ORDER BY label'),
      );
      expect(rows.map((r) => r.label)).toEqual(await viaWithTenant(tenantA));
      expect(rows.map((r) => r.label)).toEqual(expect.arrayContaining(['a1', 'a2']));
      expect(rows.map((r) => r.label)).not.toContain('b1');
      const others = await tenants.readAsTenant(
        tenantA,
        read('SELECT label FROM widget WHERE tenant_id = $1', [tenantB]),
      );
      expect(others).toEqual([]);
    });

    it('keeps every concurrent read in its own tenant on the shared pool', async () => {
      const expected = { [tenantA]: await viaWithTenant(tenantA), [tenantB]: await viaWithTenant(tenantB) };
      expect(expected[tenantB]).toEqual(['b1']);
      const runs = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? tenantA : tenantB));
      const results = await Promise.all(
        runs.map((tenant) =>
          tenants.readAsTenant<{ label: string }>(tenant, read('SELECT label FROM widget ORDER BY label')),
        ),
      );
      results.forEach((rows, i) => expect(rows.map((r) => r.label)).toEqual(expected[runs[i] ?? '']));
    });

    it('cannot write, and leaves the pooled connection with no tenant and no open transaction', async () => {
      const before = await labels();
      await expect(
        tenants.readAsTenant(tenantA, read(`UPDATE widget SET label = 'x' WHERE label = 'a1'`)),
      ).rejects.toThrow(/read-only transaction/);
      await expect(tenants.readAsTenant(tenantA, read('SELECT no_such_column FROM widget'))).rejects.toThrow(
        /no_such_column/,
      );
      expect(await labels()).toEqual(before);
      // Both connections of the pool (poolMax 2) are used again: outside a transaction neither has a tenant.
      const states = await Promise.all(
        [1, 2].map(() =>
          dataSource.transaction(async (manager) => {
            await new Promise((r) => setTimeout(r, 50));
            return (await manager.query(
              `SELECT current_setting('app.tenant_id', true) AS tenant, (SELECT count(*) FROM widget)::int AS visible`,
            )) as { tenant: string | null; visible: number }[];
          }),
        ),
      );
      for (const [row] of states) expect(row?.visible).toBe(0);
      const after = await tenants.readAsTenant<{ label: string }>(tenantB, read('SELECT label FROM widget'));
      expect(after.map((r) => r.label)).toEqual(['b1']);
    });

    it('refuses a tenant id that is not a UUID', async () => {
      await expect(tenants.readAsTenant("x' OR true --", read('SELECT label FROM widget'))).rejects.toThrow(/UUID/);
    });
  });
});
