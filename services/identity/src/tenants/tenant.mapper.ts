import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { identityV1 } from '@kinerja/contracts';
import type { TenantEntity } from './tenant.entity.js';

export function toTenantMessage(t: TenantEntity): identityV1.Tenant {
  return create(identityV1.TenantSchema, {
    id: t.id,
    code: t.code,
    name: t.name,
    level: t.level,
    parentTenantId: t.parentTenantId ?? '',
    timeZone: t.timeZone,
    createdAt: timestampFromDate(t.createdAt),
    regionalHeadSubject: t.regionalHeadSubject ?? '',
    holidays: t.holidays,
    version: BigInt(t.version),
  });
}
