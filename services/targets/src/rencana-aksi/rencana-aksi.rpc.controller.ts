import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { targetsV1, toRpcJson } from '@kinerja/contracts';
import { RpcAuthGuard, RpcPrincipal, type Principal } from '@kinerja/platform/auth';
import { decodePayload, requireUuids } from '../targets-error.js';
import { RencanaAksiHandler } from './rencana-aksi.handler.js';

@Controller()
@UseGuards(RpcAuthGuard)
export class RencanaAksiRpcController {
  constructor(private readonly rencanaAksi: RencanaAksiHandler) {}

  @MessagePattern('rpc.targets.rencana-aksi.list')
  async list(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.ListRencanaAksiRequestSchema, payload);
    requireUuids({ skpId: request.skpId, periodId: request.periodId }, ['periodId']);
    return toRpcJson(targetsV1.ListRencanaAksiResponseSchema, {
      items: await this.rencanaAksi.list(principal, request),
    });
  }

  @MessagePattern('rpc.targets.rencana-aksi.create')
  async create(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.CreateRencanaAksiRequestSchema, payload);
    requireUuids({ skpId: request.skpId, rhkId: request.rhkId, periodId: request.periodId });
    return toRpcJson(targetsV1.CreateRencanaAksiResponseSchema, {
      item: await this.rencanaAksi.create(principal, request),
    });
  }

  @MessagePattern('rpc.targets.rencana-aksi.update')
  async update(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.UpdateRencanaAksiRequestSchema, payload);
    requireUuids({ skpId: request.skpId, id: request.id });
    return toRpcJson(targetsV1.UpdateRencanaAksiResponseSchema, {
      item: await this.rencanaAksi.update(principal, request),
    });
  }

  @MessagePattern('rpc.targets.rencana-aksi.delete')
  async delete(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.DeleteRencanaAksiRequestSchema, payload);
    requireUuids({ skpId: request.skpId, id: request.id });
    await this.rencanaAksi.delete(principal, request);
    return toRpcJson(targetsV1.DeleteRencanaAksiResponseSchema, {});
  }
}
