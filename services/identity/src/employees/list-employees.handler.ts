import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { EMPLOYMENT_STATUSES } from '@kinerja/domain';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { decodeCursor, likeEscape, pageOf, pageSize } from '../cursor.js';
import { Fields } from '../fields.js';
import { IdentityError, requireRole } from '../identity-error.js';
import { OrgSnapshotRepository } from '../raters/org-snapshot.repository.js';
import { TenantRepository } from '../tenants/tenant.repository.js';
import { UnitRepository } from '../units/unit.repository.js';
import type { EmployeeEntity } from './employee.entity.js';
import { toEmployeeJson } from './employee.mapper.js';
import { EmployeeRepository, type EmployeeFilter } from './employee.repository.js';

/** Words of a search, at most this many (more narrow nothing down in practice). */
export const MAX_SEARCH_WORDS = 4;

/** What `q` searches: NIP digits (spaces ignored), the start of the name (one or two letters), or else words that
 * must each start a word of the name ("budi sant" finds "Ahmad Budiman Santoso"). */
export function searchOf(q: string): EmployeeFilter['search'] {
  const text = q.trim().toLowerCase();
  if (text === '') return undefined;
  const digits = text.replace(/\s+/g, '');
  if (/^\d+$/.test(digits)) return { kind: 'nip', text: digits };
  if (text.length < 3) return { kind: 'prefix', text: likeEscape(text) };
  const words = text
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_SEARCH_WORDS);
  return words.length > 0 ? { kind: 'words', words } : undefined;
}

@Injectable()
export class ListEmployeesHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly employees: EmployeeRepository,
    private readonly units: UnitRepository,
    private readonly org: OrgSnapshotRepository,
    private readonly tenants: TenantRepository,
  ) {}

  /** The page as contract JSON (ListEmployeesResponse), written directly (`toEmployeeJson`). */
  async execute(
    principal: Principal,
    request: identityV1.ListEmployeesRequest,
  ): Promise<identityV1.ListEmployeesResponseJson> {
    requireRole(principal, 'tenant-admin', 'performance-manager');
    const tenantId = tenantOf(principal);
    const fields = new Fields();
    const unitId = fields.uuid('unitId', request.unitId, false);
    if (request.status) fields.oneOf('status', request.status, EMPLOYMENT_STATUSES);
    if (request.date) fields.date('date', request.date);
    if (request.q.length > 100) fields.add('q', 'TOO_LONG', 'Paling banyak 100 karakter.');
    if (request.includeDescendants && !unitId)
      fields.add('includeDescendants', 'REQUIRES_UNIT', 'Hanya bersama unitId.');
    fields.check();
    const limit = pageSize(request.page?.limit ?? 0);
    const after = decodeCursor(request.page?.cursor ?? '', 2);

    const filter = {
      status: request.status || undefined,
      search: searchOf(request.q),
      after: after ? { name: after[0] as string, id: after[1] as string } : undefined,
    };
    const respond = (rows: { row: EmployeeEntity; nameKey: string }[]) => {
      const page = pageOf(rows, limit, ({ row, nameKey }) => [nameKey, row.id]);
      const json: identityV1.ListEmployeesResponseJson = {
        page: page.nextCursor ? { nextCursor: page.nextCursor } : {},
      };
      if (page.items.length > 0) json.employees = page.items.map(({ row }) => toEmployeeJson(row));
      return json;
    };
    // Without a unit the page is one statement, read in one round trip (a search as the user types).
    if (!unitId)
      return respond(
        await this.employees.listAsTenant(this.db, tenantId, { ...filter, date: request.date || undefined }, limit),
      );
    return this.db.withTenant(tenantId, async (tx) => {
      const date = await this.tenants.dateOr(tx.manager, tenantId, request.date);
      // A unit of another tenant (or none) is not found (R41).
      if (!(await this.units.findById(tx, unitId)))
        throw new IdentityError('NOT_FOUND', 'Unit tidak ditemukan.', [
          { field: 'unitId', code: 'NOT_FOUND', message: 'Unit tidak ditemukan.' },
        ]);
      const unitIds = request.includeDescendants ? await this.org.subtree(tx, unitId, date) : [unitId];
      return respond(await this.employees.list(tx, { ...filter, date, unitIds }, limit));
    });
  }
}
