import { create } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import type { Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { toEmployeeMessage } from './employee.mapper.js';
import { EmployeeRepository } from './employee.repository.js';

@Injectable()
export class GetMeHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly employees: EmployeeRepository,
  ) {}

  async execute(principal: Principal): Promise<identityV1.GetMeResponse> {
    const { tenantId, employeeId } = principal;
    const row = tenantId && employeeId ? await this.employees.readById(this.db, tenantId, employeeId) : null;
    return create(identityV1.GetMeResponseSchema, {
      subject: principal.subject,
      tenantId: tenantId ?? '',
      roles: principal.roles,
      username: principal.username ?? '',
      employee: row ? toEmployeeMessage(row) : undefined,
    });
  }
}
