import { create } from '@bufbuild/protobuf';
import { Injectable } from '@nestjs/common';
import { identityV1 } from '@kinerja/contracts';
import { tenantOf, type Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import { EmployeeAccess } from '../employees/employee-access.js';
import { Fields } from '../fields.js';
import { IdentityError, notFound } from '../identity-error.js';
import { RaterResolver } from './rater-resolver.js';
import { explain, raterView } from './rater-view.js';

@Injectable()
export class GetRaterHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly raters: RaterResolver,
    private readonly access: EmployeeAccess,
  ) {}

  // R5: the rater and the rater's superior on a date, with the path that decided each. One query reads the chain of
  // units above the employee on that date, as the tenant in one round trip (readAsTenant); resolveRater decides on
  // it. Only a caller who is not an admin, the employee or a rater on that date costs a second read (today's chain).
  async execute(principal: Principal, request: identityV1.GetRaterRequest): Promise<identityV1.GetRaterResponse> {
    const tenantId = tenantOf(principal);
    const fields = new Fields();
    fields.uuid('employeeId', request.employeeId);
    if (request.date) fields.date('date', request.date);
    fields.check();
    const read = (date: string | null) => this.raters.resolveAsTenant(this.db, tenantId, request.employeeId, date);
    const resolution = await read(request.date || null);
    if (!resolution) throw notFound('Pegawai');
    if (!(await this.access.mayReadWith(principal, request.employeeId, [resolution], () => read(null))))
      throw new IdentityError('FORBIDDEN', 'Anda tidak berhak membaca data pegawai ini.');
    const { result, snapshot, lookup } = resolution;
    if (!result.ok)
      throw new IdentityError('RATER_UNRESOLVED', result.error.text.id, [
        { field: 'date', code: result.error.code, message: result.error.text.id },
      ]);
    const rater = raterView(result.value.rater, request.employeeId, lookup);
    const superior = raterView(result.value.raterSuperior, result.value.rater.id, lookup);
    const text = explain(result.value, rater, superior, snapshot.employee?.name ?? '', lookup);
    return create(identityV1.GetRaterResponseSchema, {
      employeeId: request.employeeId,
      date: snapshot.date,
      unitId: snapshot.placements[0]?.unitId ?? '',
      rater,
      raterSuperior: superior,
      explanation: text.id,
      explanationEn: text.en,
    });
  }
}
