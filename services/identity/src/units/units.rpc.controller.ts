import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { identityV1, toRpcJson } from '@kinerja/contracts';
import { RpcAuthGuard, RpcPrincipal, type Principal } from '@kinerja/platform/auth';
import { decodePayload } from '../rpc-payload.js';
import { ChangeActingHandler } from './change-acting.handler.js';
import { CreateActingHandler } from './create-acting.handler.js';
import { CreateUnitHandler } from './create-unit.handler.js';
import { ReadUnitsHandler } from './read-units.handler.js';
import { SetUnitHeadHandler } from './set-unit-head.handler.js';
import { UpdateUnitHandler } from './update-unit.handler.js';

@Controller()
@UseGuards(RpcAuthGuard)
export class UnitsRpcController {
  constructor(
    private readonly createUnit: CreateUnitHandler,
    private readonly updateUnit: UpdateUnitHandler,
    private readonly readUnits: ReadUnitsHandler,
    private readonly setHead: SetUnitHeadHandler,
    private readonly createActing: CreateActingHandler,
    private readonly changeActing: ChangeActingHandler,
  ) {}

  @MessagePattern('rpc.identity.unit.create')
  async create(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.CreateUnitRequestSchema, payload);
    return toRpcJson(identityV1.CreateUnitResponseSchema, { unit: await this.createUnit.execute(principal, request) });
  }

  @MessagePattern('rpc.identity.unit.get')
  async get(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const { id } = decodePayload(identityV1.GetUnitRequestSchema, payload);
    return toRpcJson(identityV1.GetUnitResponseSchema, await this.readUnits.get(principal, id));
  }

  @MessagePattern('rpc.identity.unit.list')
  async list(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.ListUnitsRequestSchema, payload);
    return toRpcJson(identityV1.ListUnitsResponseSchema, await this.readUnits.list(principal, request));
  }

  @MessagePattern('rpc.identity.unit.update')
  async update(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.UpdateUnitRequestSchema, payload);
    return toRpcJson(identityV1.UpdateUnitResponseSchema, { unit: await this.updateUnit.execute(principal, request) });
  }

  @MessagePattern('rpc.identity.unit-tree.get')
  async tree(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.GetUnitTreeRequestSchema, payload);
    return toRpcJson(identityV1.GetUnitTreeResponseSchema, await this.readUnits.tree(principal, request));
  }

  @MessagePattern('rpc.identity.unit-head.set')
  async head(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.SetUnitHeadRequestSchema, payload);
    return toRpcJson(identityV1.SetUnitHeadResponseSchema, { unit: await this.setHead.execute(principal, request) });
  }

  @MessagePattern('rpc.identity.acting.create')
  async appoint(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.CreateActingRequestSchema, payload);
    return toRpcJson(identityV1.CreateActingResponseSchema, {
      appointment: await this.createActing.execute(principal, request),
    });
  }

  @MessagePattern('rpc.identity.acting.update')
  async changeDates(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.UpdateActingRequestSchema, payload);
    return toRpcJson(identityV1.UpdateActingResponseSchema, {
      appointment: await this.changeActing.update(principal, request),
    });
  }

  @MessagePattern('rpc.identity.acting.revoke')
  async revoke(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.RevokeActingRequestSchema, payload);
    return toRpcJson(identityV1.RevokeActingResponseSchema, {
      appointment: await this.changeActing.revoke(principal, request),
    });
  }

  @MessagePattern('rpc.identity.acting.list')
  async listActing(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const { unitId } = decodePayload(identityV1.ListActingRequestSchema, payload);
    return toRpcJson(identityV1.ListActingResponseSchema, {
      appointments: await this.readUnits.listActing(principal, unitId),
    });
  }
}
