import type { TenantTx } from '@kinerja/platform/database';
import { IdentityError } from '../identity-error.js';
import type { ActingRepository } from './acting.repository.js';

/** R5: one unit has at most one acting head (PLT or PLH) on any date, or rater resolution would be ambiguous. */
export async function refuseOverlap(
  tx: TenantTx,
  acting: ActingRepository,
  unitId: string,
  from: string,
  to: string | null,
  exceptId: string | null,
): Promise<void> {
  const clashes = await acting.overlapping(tx, unitId, from, to, exceptId);
  if (clashes.length === 0) return;
  throw new IdentityError(
    'ACTING_OVERLAP',
    'Tanggal bertumpang tindih dengan penunjukan PLT/PLH lain di unit ini.',
    clashes.map((c) => ({
      field: 'from',
      code: 'ACTING_OVERLAP',
      message: `Bertumpang tindih dengan ${c.kind} ${c.from} s.d. ${c.to ?? 'seterusnya'} (${c.id}).`,
    })),
  );
}
