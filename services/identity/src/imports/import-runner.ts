import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { AuditRepository } from '../audit/audit.repository.js';
import { todayIn } from '../dates.js';
import { TenantSettingsReader } from '../settings/tenant-settings.reader.js';
import { TenantRepository } from '../tenants/tenant.repository.js';
import { planImport, type EmployeePlan, type UnitPlan } from './import-plan.js';
import { parseEmployeeRows, parseUnitRows, type RowError } from './import-rows.js';
import { ImportWriter, type ChunkResult } from './import-writer.js';
import { ImportRepository, noCounts, type ImportCounts, type ImportJobRow } from './import.repository.js';
import type { Sheet } from './spreadsheet.js';
import { UPLOAD_STORE, type UploadStore } from './upload-store.js';

// Runs an import job in the background of the process that accepted it: check every row (nothing is written yet),
// then, unless the file is rejected (ALL_OR_NOTHING with a bad row) or a dry run, write the plan one chunk per
// transaction, so a large file never holds one long transaction and progress is visible as it goes.
//
// A job stopped with its process (a crash, a deploy) reads as INTERRUPTED once its heartbeat is stale; importing
// the same file again completes it, because every row is an idempotent upsert.

export type ImportSettings = { maxRows: number; chunkRows: number };
export const IMPORT_SETTINGS = Symbol('IMPORT_SETTINGS');

export type ImportInput = { units: Sheet | null; employees: Sheet | null };

class Interrupted extends Error {}

@Injectable()
export class ImportRunner implements OnApplicationShutdown {
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    private readonly db: TenantDatabase,
    private readonly jobs: ImportRepository,
    private readonly writer: ImportWriter,
    private readonly tenants: TenantRepository,
    private readonly settings: TenantSettingsReader,
    private readonly audit: AuditRepository,
    @Inject(IMPORT_SETTINGS) private readonly limits: ImportSettings,
    @Inject(UPLOAD_STORE) private readonly uploads: UploadStore,
  ) {}

  /** Starts the job; the returned promise is for tests and shutdown, callers do not wait on it. */
  start(tenantId: string, job: ImportJobRow, input: ImportInput, actor: Principal): Promise<void> {
    const run = this.run(tenantId, job, input, actor)
      .catch(async (error: unknown) => {
        const interrupted = error instanceof Interrupted;
        await this.db
          .withTenant(tenantId, (tx) =>
            this.jobs.update(tx, job.id, {
              status: interrupted ? 'INTERRUPTED' : 'FAILED',
              failure_code: interrupted ? 'IMPORT_INTERRUPTED' : 'INTERNAL',
              failure_message: interrupted
                ? 'Layanan berhenti selama impor; unggah berkas yang sama lagi untuk melanjutkan.'
                : 'Impor gagal karena galat internal; tidak ada baris yang tertinggal setengah tertulis.',
              finished: true,
            }),
          )
          .catch(() => undefined);
      })
      .finally(() => this.running.delete(job.id));
    this.running.set(job.id, run);
    return run;
  }

  /** The job's promise while it runs (tests wait on it). */
  whenDone(jobId: string): Promise<void> {
    return this.running.get(jobId) ?? Promise.resolve();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running.values());
  }

  private async run(tenantId: string, job: ImportJobRow, input: ImportInput, actor: Principal): Promise<void> {
    const update = (change: Parameters<ImportRepository['update']>[2]) =>
      this.db.withTenant(tenantId, (tx) => this.jobs.update(tx, job.id, change));
    const total = (input.units?.rows.length ?? 0) + (input.employees?.rows.length ?? 0);
    await update({ status: 'VALIDATING', total, processed: 0 });

    // Row checks and the plan against what the tenant holds, read in one transaction.
    const { plan, units, employees } = await this.db.withTenant(tenantId, async (tx) => {
      const tenant = await this.tenants.findById(tx.manager, tenantId);
      const today = todayIn(tenant?.timeZone ?? 'Asia/Jakarta');
      const { nip } = await this.settings.inForce(tx, tenant?.timeZone ?? 'Asia/Jakarta', today);
      const unitRows = input.units ? parseUnitRows(input.units) : { rows: [], errors: [], total: 0 };
      const employeeRows = input.employees
        ? parseEmployeeRows(input.employees, nip.minAppointmentAge)
        : { rows: [], errors: [], total: 0 };
      const planned = planImport(
        { units: unitRows.rows, employees: employeeRows.rows },
        await this.jobs.known(tx),
        today,
        randomUUID,
      );
      return {
        plan: { ...planned, errors: sortErrors([...unitRows.errors, ...employeeRows.errors, ...planned.errors]) },
        units: { ...noCounts(), total: unitRows.total },
        employees: { ...noCounts(), total: employeeRows.total },
      };
    });
    this.count(units, plan.errors, 'UNOR');
    this.count(employees, plan.errors, 'PEGAWAI');
    const rejected = plan.errors.length > 0 && job.mode === 'ALL_OR_NOTHING';
    if (rejected || job.dry_run) {
      await this.db.withTenant(tenantId, async (tx) => {
        await this.jobs.addErrors(tx, job.id, plan.errors, 1);
        await this.jobs.update(tx, job.id, {
          status: rejected ? 'REJECTED' : 'VALIDATED',
          units,
          employees,
          processed: total,
          error_count: plan.errors.length,
          finished: true,
        });
      });
      await this.uploads.remove(job.upload_name);
      return;
    }
    if (job.mode === 'VALID_ROWS_ONLY') {
      units.skipped = units.invalid;
      employees.skipped = employees.invalid;
    }
    await this.db.withTenant(tenantId, async (tx) => {
      await this.jobs.addErrors(tx, job.id, plan.errors, 1);
      await this.jobs.update(tx, job.id, {
        status: 'WRITING',
        units,
        employees,
        processed: 0,
        total: plan.units.length + plan.employees.length,
        error_count: plan.errors.length,
      });
    });

    const reason = `Impor ${job.file_name} (${job.id})`;
    let processed = 0;
    let errorCount = plan.errors.length;
    const apply = async <P>(
      plans: readonly P[],
      size: number,
      counts: ImportCounts,
      write: (
        tx: Parameters<Parameters<TenantDatabase['withTenant']>[1]>[0],
        chunk: readonly P[],
      ) => Promise<ChunkResult>,
      progress = true,
    ) => {
      for (let i = 0; i < plans.length; i += size) {
        if (this.stopping) throw new Interrupted();
        const chunk = plans.slice(i, i + size);
        await this.db.withTenant(tenantId, async (tx) => {
          // The foreign-key checks of the inserts are cached plans; one made while the tenant's tables were small
          // (or before they were ever analyzed) can walk a whole tenant through the wrong index per row. Planning
          // them for the rows at hand costs far less than one such walk.
          await tx.manager.query('SET LOCAL plan_cache_mode = force_custom_plan');
          const done = await write(tx, chunk);
          counts.created += done.created;
          counts.updated += done.updated;
          counts.unchanged += done.unchanged;
          counts.invalid += done.errors.length;
          counts.valid -= done.errors.length;
          if (progress) processed += chunk.length;
          await this.jobs.addErrors(tx, job.id, done.errors, errorCount + 1);
          errorCount += done.errors.length;
          await this.jobs.update(tx, job.id, { units, employees, processed, error_count: errorCount });
        });
      }
    };
    const size = this.limits.chunkRows;
    await apply(orderedUnits(plan.units), Math.max(1, Math.floor(size / 4)), units, (tx, chunk) =>
      this.writer.writeUnits(tx, actor, reason, chunk),
    );
    await apply<EmployeePlan>(plan.employees, size, employees, (tx, chunk) =>
      this.writer.writeEmployees(tx, actor, reason, chunk),
    );
    const withHeads = plan.units.filter((p) => (p.action === 'create' ? p.headId : p.action === 'update' && p.head));
    await apply(
      withHeads,
      Math.max(1, Math.floor(size / 4)),
      units,
      (tx, chunk) => this.writer.writeHeads(tx, actor, reason, chunk),
      false,
    );

    await this.db.withTenant(tenantId, async (tx) => {
      await this.jobs.update(tx, job.id, { status: 'COMPLETED', units, employees, finished: true });
      await this.audit.record(tx, actor, {
        action: 'import.completed',
        entityType: 'import',
        entityId: job.id,
        new: { fileName: job.file_name, units, employees, errors: errorCount },
      });
    });
    await this.uploads.remove(job.upload_name);
  }

  private count(counts: ImportCounts, errors: readonly RowError[], sheet: 'UNOR' | 'PEGAWAI'): void {
    counts.invalid = new Set(errors.filter((e) => e.sheet === sheet).map((e) => e.row)).size;
    counts.valid = counts.total - counts.invalid;
  }
}

function sortErrors(errors: RowError[]): RowError[] {
  const order = (e: RowError) => (e.sheet === 'UNOR' ? 0 : 1);
  return errors.sort((a, b) => order(a) - order(b) || a.row - b.row);
}

/** Parents before their children, so each new unit's parent exists when it is written. */
function orderedUnits(plans: readonly UnitPlan[]): UnitPlan[] {
  const byCode = new Map(plans.map((p) => [p.row.code, p]));
  const depth = new Map<string, number>();
  const depthOf = (code: string, guard = 0): number => {
    const known = depth.get(code);
    if (known !== undefined) return known;
    const parent = byCode.get(code)?.row.parentCode;
    const d = parent && byCode.has(parent) && guard < 256 ? depthOf(parent, guard + 1) + 1 : 0;
    depth.set(code, d);
    return d;
  };
  return [...plans].sort((a, b) => depthOf(a.row.code) - depthOf(b.row.code));
}
