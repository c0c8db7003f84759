import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { targetsV1, toRpcJson } from '@kinerja/contracts';
import { RpcAuthGuard, RpcPrincipal, type Principal } from '@kinerja/platform/auth';
import { decodePayload, requireUuids } from '../targets-error.js';
import { CreateSkpHandler } from './create-skp.handler.js';
import { ReadSkpHandler } from './read-skp.handler.js';
import { SkpAuditHandler } from './skp-audit.handler.js';
import { SkpQueuesHandler } from './skp-queues.handler.js';
import { TransitionSkpHandler } from './transition-skp.handler.js';
import { UpdateSkpHandler } from './update-skp.handler.js';

@Controller()
@UseGuards(RpcAuthGuard)
export class SkpRpcController {
  constructor(
    private readonly creator: CreateSkpHandler,
    private readonly reader: ReadSkpHandler,
    private readonly editor: UpdateSkpHandler,
    private readonly transitions: TransitionSkpHandler,
    private readonly queues: SkpQueuesHandler,
    private readonly audits: SkpAuditHandler,
  ) {}

  @MessagePattern('rpc.targets.skp.create')
  async create(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.CreateSkpRequestSchema, payload);
    requireUuids({ employeeId: request.employeeId }, ['employeeId']);
    return toRpcJson(targetsV1.CreateSkpResponseSchema, { skp: await this.creator.execute(principal, request) });
  }

  @MessagePattern('rpc.targets.skp.get')
  async get(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const { id } = decodePayload(targetsV1.GetSkpRequestSchema, payload);
    requireUuids({ id });
    return toRpcJson(targetsV1.GetSkpResponseSchema, { skp: await this.reader.get(principal, id) });
  }

  @MessagePattern('rpc.targets.skp.list')
  async list(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.ListSkpsRequestSchema, payload);
    requireUuids({ employeeId: request.employeeId }, ['employeeId']);
    return toRpcJson(targetsV1.ListSkpsResponseSchema, { skps: await this.reader.list(principal, request) });
  }

  @MessagePattern('rpc.targets.skp.update')
  async update(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.UpdateSkpRequestSchema, payload);
    requireUuids({ id: request.id });
    return toRpcJson(targetsV1.UpdateSkpResponseSchema, { skp: await this.editor.edit(principal, request) });
  }

  @MessagePattern('rpc.targets.skp.expectations')
  async expectations(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.SetSkpExpectationsRequestSchema, payload);
    requireUuids({ id: request.id });
    return toRpcJson(targetsV1.SetSkpExpectationsResponseSchema, {
      skp: await this.editor.setExpectations(principal, request),
    });
  }

  @MessagePattern('rpc.targets.skp.transition')
  async transition(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.TransitionSkpRequestSchema, payload);
    requireUuids({ id: request.id });
    return toRpcJson(targetsV1.TransitionSkpResponseSchema, {
      skp: await this.transitions.execute(principal, request),
    });
  }

  @MessagePattern('rpc.targets.skp.history')
  async history(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const { id } = decodePayload(targetsV1.GetSkpHistoryRequestSchema, payload);
    requireUuids({ id });
    return toRpcJson(targetsV1.GetSkpHistoryResponseSchema, await this.reader.history(principal, id));
  }

  @MessagePattern('rpc.targets.skp.audit')
  async audit(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const { id } = decodePayload(targetsV1.GetSkpAuditRequestSchema, payload);
    requireUuids({ id });
    return toRpcJson(targetsV1.GetSkpAuditResponseSchema, await this.audits.trail(principal, id));
  }

  @MessagePattern('rpc.targets.skp.approvals')
  async approvals(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    decodePayload(targetsV1.ListApprovalsRequestSchema, payload);
    return toRpcJson(targetsV1.ListApprovalsResponseSchema, { items: await this.queues.approvals(principal) });
  }

  @MessagePattern('rpc.targets.skp.unit-status')
  async unitStatus(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.GetUnitSkpStatusRequestSchema, payload);
    requireUuids({ unitId: request.unitId });
    return toRpcJson(targetsV1.GetUnitSkpStatusResponseSchema, await this.queues.unitStatus(principal, request));
  }
}
