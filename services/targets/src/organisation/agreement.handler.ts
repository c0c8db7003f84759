import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Injectable } from '@nestjs/common';
import { targetsV1 } from '@kinerja/contracts';
import { SKP_LIMITS } from '@kinerja/domain';
import type { Principal } from '@kinerja/platform/auth';
import { TenantDatabase } from '@kinerja/platform/database';
import type { FieldError } from '@kinerja/platform/errors';
import { TenantContext } from '../org/tenant-context.js';
import { checkIfMatch, forbidden, invalid, notFound } from '../targets-error.js';
import { AgreementRepository, type AgreementResult, type AgreementRow } from './agreement.repository.js';

const toMessage = (row: AgreementRow) =>
  create(targetsV1.PerformanceAgreementSchema, {
    id: row.id,
    year: row.year,
    results: row.results,
    updatedBy: row.updatedBy,
    updatedAt: timestampFromDate(row.updatedAt),
    version: BigInt(row.version),
  });

// The perjanjian kinerja of a year (R9): read by everyone of the tenant, set by performance managers and the
// regional head. Result and indicator ids stay stable across edits, because the top unit head's RHKs cite them.
@Injectable()
export class AgreementHandler {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
    private readonly agreements: AgreementRepository,
  ) {}

  get(principal: Principal, year: number): Promise<targetsV1.PerformanceAgreement> {
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      await this.context.callerOf(tx, principal);
      const row = await this.agreements.ofYear(tx, year);
      if (!row) throw notFound(`Perjanjian kinerja ${year}`);
      return toMessage(row);
    });
  }

  put(principal: Principal, request: targetsV1.PutAgreementRequest): Promise<targetsV1.PerformanceAgreement> {
    if (request.year < 2000 || request.year > 2100)
      throw invalid([{ field: 'year', code: 'OUT_OF_RANGE', message: '2000–2100.' }]);
    return this.db.withTenant(this.context.tenantIdOf(principal), async (tx) => {
      const caller = await this.context.callerOf(tx, principal);
      if (!(caller.isPerformanceManager || caller.isRegionalHead))
        throw forbidden('Perjanjian kinerja ditetapkan oleh pengelola kinerja atau kepala daerah.');
      const current = await this.agreements.ofYear(tx, request.year);
      if (current) checkIfMatch(request.ifMatch, current.version, false);
      const known = new Set(current?.results.flatMap((r) => [r.id, ...r.indicators.map((i) => i.id)]) ?? []);
      const fields: FieldError[] = [];
      const text = (field: string, value: string, max: number) => {
        if (value.trim() === '') fields.push({ field, code: 'REQUIRED', message: 'Wajib diisi.' });
        if (value.length > max) fields.push({ field, code: 'TOO_LONG', message: `Paling banyak ${max} karakter.` });
        return value.trim();
      };
      const id = (field: string, value: string) => {
        if (value !== '' && !known.has(value))
          fields.push({ field, code: 'UNKNOWN_ID', message: 'Bukan sasaran atau indikator perjanjian ini.' });
        return value || randomUUID();
      };
      if (request.results.length > SKP_LIMITS.agreementResults)
        fields.push({ field: 'results', code: 'TOO_MANY', message: `Paling banyak ${SKP_LIMITS.agreementResults}.` });
      const results: AgreementResult[] = request.results.map((r, i) => {
        if (r.indicators.length > SKP_LIMITS.agreementIndicators)
          fields.push({
            field: `results.${i}.indicators`,
            code: 'TOO_MANY',
            message: `Paling banyak ${SKP_LIMITS.agreementIndicators}.`,
          });
        return {
          id: id(`results.${i}.id`, r.id),
          text: text(`results.${i}.text`, r.text, SKP_LIMITS.text),
          indicators: r.indicators.map((ind, j) => ({
            id: id(`results.${i}.indicators.${j}.id`, ind.id),
            text: text(`results.${i}.indicators.${j}.text`, ind.text, SKP_LIMITS.text),
            target: ind.target.trim().slice(0, SKP_LIMITS.agreementTarget),
          })),
        };
      });
      if (fields.length > 0) throw invalid(fields);
      const row = await this.agreements.save(tx, current?.id ?? randomUUID(), request.year, results, principal.subject);
      const agreement = toMessage(row);
      tx.outbox.publish(
        targetsV1.PerformanceAgreementSetSchema,
        create(targetsV1.PerformanceAgreementSetSchema, { agreement }),
        {
          aggregateType: 'agreement',
          aggregateId: row.id,
          event: 'set',
        },
      );
      return agreement;
    });
  }
}
