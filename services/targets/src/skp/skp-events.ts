import { create, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import { transitionSkp, type SkpAction, type SkpActor, type SkpTransition, type SkpStatus } from '@kinerja/domain';
import type { TenantTx } from '@kinerja/platform/database';
import { TargetsError } from '../targets-error.js';

/** Records an SKP event in the outbox, on the SKP's aggregate (`evt.targets.<tenant>.skp.<event>`). */
export function publishSkpEvent<D extends DescMessage>(
  tx: TenantTx,
  schema: D,
  init: MessageInitShape<D>,
  skpId: string,
  event: string,
): void {
  tx.outbox.publish(schema, create(schema, init), { aggregateType: 'skp', aggregateId: skpId, event });
}

/**
 * R11: applies the action as the first of the caller's actors the lifecycle allows. A wrong state is INVALID_STATE
 * (409), an actor the rules do not allow is FORBIDDEN (403), a missing reason a field error.
 */
export function transitionAs(
  actors: readonly SkpActor[],
  request: { from: SkpStatus; action: SkpAction; actorId: string; at: Date; reason: string; fallbackActive: boolean },
): SkpTransition & { actor: SkpActor } {
  if (actors.length === 0) throw new TargetsError('FORBIDDEN', 'Anda tidak berwenang atas SKP ini.');
  let refusal = '';
  for (const actor of actors) {
    const result = transitionSkp({
      from: request.from,
      action: request.action,
      actor,
      actorId: request.actorId,
      at: request.at.toISOString(),
      reason: request.reason.trim() === '' ? null : request.reason.trim(),
      fallbackActive: request.fallbackActive,
    });
    if (result.ok) return { ...result.value, actor };
    if (result.error.code === 'TRANSITION_NOT_ALLOWED')
      throw new TargetsError(
        'INVALID_STATE',
        `Aksi ${request.action} tidak berlaku untuk SKP berstatus ${request.from}.`,
      );
    if (result.error.code === 'REASON_REQUIRED')
      throw new TargetsError('VALIDATION_FAILED', result.error.text.id, [
        { field: 'reason', code: 'REQUIRED', message: 'Alasan wajib diisi.' },
      ]);
    refusal = result.error.text.id;
  }
  throw new TargetsError('FORBIDDEN', refusal || 'Anda tidak berwenang atas SKP ini.');
}
