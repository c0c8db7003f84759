import { Injectable } from '@nestjs/common';
import { hasRole, type Principal } from '@kinerja/platform/auth';
import type { TenantTx } from '@kinerja/platform/database';
import { RaterResolver, type Resolution } from '../raters/rater-resolver.js';

/**
 * Who may read an employee's record, rater and subordinates: the tenant's admins and performance managers, the
 * employee, and the employee's rater and rater's superior (R5) today or on the date asked about; the regional head
 * account reads the heads it rates.
 */
@Injectable()
export class EmployeeAccess {
  constructor(private readonly raters: RaterResolver) {}

  async mayRead(tx: TenantTx, principal: Principal, employeeId: string, known: Resolution[] = []): Promise<boolean> {
    return this.mayReadWith(principal, employeeId, known, () => this.raters.resolve(tx, employeeId, null));
  }

  /** mayRead with today's resolution read by `today`, only when the role, self or `known` do not decide. */
  async mayReadWith(
    principal: Principal,
    employeeId: string,
    known: Resolution[],
    today: () => Promise<Resolution | null>,
  ): Promise<boolean> {
    if (hasRole(principal, 'tenant-admin', 'performance-manager')) return true;
    if (principal.employeeId === employeeId) return true;
    if (known.some((r) => this.isRaterIn(principal, r))) return true;
    const current = await today();
    return current !== null && this.isRaterIn(principal, current);
  }

  private isRaterIn(principal: Principal, resolution: Resolution): boolean {
    if (!resolution.result.ok) return false;
    const { rater, raterSuperior } = resolution.result.value;
    return [rater, raterSuperior].some((role) =>
      role.isRegionalHead
        ? hasRole(principal, 'regional-head') && role.id === principal.subject
        : role.id === principal.employeeId,
    );
  }
}
