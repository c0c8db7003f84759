import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { targetsV1 } from '@kinerja/contracts';
import { localDate, skpFallbackActive, skpLateness } from '@kinerja/domain';
import { OrgDirectory } from '@kinerja/org-projection';
import type { Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { addDays, clamp } from '../clock.js';
import { TenantContext } from '../org/tenant-context.js';
import { forbidden, invalid, TargetsError } from '../targets-error.js';
import { emptyContent } from './skp-content.js';
import { SkpAccess } from './skp-access.js';
import { publishSkpEvent } from './skp-events.js';
import { toSkpMessage } from './skp.mapper.js';
import { SkpRepository } from './skp.repository.js';

@Injectable()
export class CreateSkpHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
    private readonly directory: OrgDirectory,
    private readonly skps: SkpRepository,
    private readonly access: SkpAccess,
  ) {}

  // R8: one SKP per employee, year and position, for the position held on today's date within the year (or the
  // year's first/last day). The employee drafts their own; a performance manager drafts one on the employee's
  // behalf only when none exists after the fallback day (R11).
  async execute(principal: Principal, request: targetsV1.CreateSkpRequest): Promise<targetsV1.Skp> {
    if (request.year < 2000 || request.year > 2100)
      throw invalid([{ field: 'year', code: 'OUT_OF_RANGE', message: '2000–2100.' }]);
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      const employeeId = request.employeeId || caller.employeeId;
      if (!employeeId) throw forbidden('Akun Anda tidak terhubung dengan data pegawai.');
      const employee = await this.directory.employee(tx, employeeId);
      if (!employee) throw new TargetsError('NOT_FOUND', 'Pegawai tidak ditemukan.');
      const yearStart = localDate(request.year, 1, 1);
      const yearEnd = localDate(request.year, 12, 31);
      const date = clamp(caller.today, yearStart, yearEnd);
      const existing = await this.skps.ofEmployee(tx, employeeId, request.year);
      let onBehalf = false;
      if (employeeId !== caller.employeeId) {
        const settings = await this.directory.settingsOn(tx, date);
        const fallback = skpFallbackActive(request.year, caller.today, existing.length > 0, settings.skp);
        if (!(caller.isPerformanceManager && fallback.ok && fallback.value))
          throw forbidden(
            caller.isPerformanceManager
              ? `Pengelola kinerja dapat menyusun SKP atas nama pegawai hanya bila belum ada SKP setelah ${settings.skp.fallbackDay} (R11).`
              : 'Hanya pegawai yang bersangkutan yang menyusun SKP-nya.',
          );
        onBehalf = true;
      }
      const placement = await this.directory.placementOn(tx, employeeId, date);
      if (!placement)
        throw new TargetsError(
          'ORG_DATA_MISSING',
          `Pegawai tidak memiliki jabatan pada ${date} menurut data identitas.`,
        );
      // R3: only AKTIF employees need (and get) an SKP.
      const status = await this.directory.statusOn(tx, employeeId, date);
      if (status !== 'AKTIF')
        throw invalid([
          { field: 'employeeId', code: 'EMPLOYEE_NOT_ACTIVE', message: `Status kepegawaian ${status ?? '-'} (R3).` },
        ]);
      const same = existing.find((s) => s.assignmentFrom === placement.from);
      if (same)
        throw new TargetsError('SKP_EXISTS', 'SKP untuk jabatan ini pada tahun ini sudah ada.', [
          { field: 'year', code: 'SKP_EXISTS', message: same.id },
        ]);
      const startDate = placement.from > yearStart ? placement.from : yearStart;
      const endDate = placement.to !== null && placement.to < yearEnd ? placement.to : yearEnd;
      // R13: an SKP for a position taken up during the year is due 30 days after the change.
      const positionChangeOn = placement.from > yearStart ? placement.from : null;
      const due = skpLateness(request.year, positionChangeOn ?? yearStart, positionChangeOn);
      const id = randomUUID();
      await this.skps.insert(
        tx,
        {
          id,
          employeeId,
          year: request.year,
          unitId: placement.unitId,
          positionName: placement.positionName,
          jenisJabatan: placement.jenisJabatan,
          jenjang: placement.jenjang,
          assignmentFrom: placement.from,
          startDate,
          endDate,
          status: 'DRAFT',
          workingVersion: 1,
          inForceVersion: null,
          late: false,
          dueBy: due.ok ? due.value.deadline : addDays(startDate, 30),
          onBehalf,
          approvedOn: null,
          closedOn: null,
          closeReason: null,
          positionChangeOn,
          createdBy: principal.subject,
        },
        emptyContent(),
      );
      await tx.manager.query(
        `UPDATE skp_requirement SET fulfilled_skp_id = $3
         WHERE tenant_id = $1 AND employee_id = $2 AND from_date = $4 AND fulfilled_skp_id IS NULL`,
        [tx.tenantId, employeeId, id, placement.from],
      );
      const agg = await this.skps.load(tx, id);
      if (!agg) throw new Error('the SKP just written is gone');
      const relation = await this.access.relationOf(tx, caller, agg.skp);
      const skp = toSkpMessage(tx.tenantId, agg, await this.access.view(tx, agg, relation));
      publishSkpEvent(tx, targetsV1.SkpCreatedSchema, { skp, actor: principal.subject }, id, 'created');
      return skp;
    });
  }
}
