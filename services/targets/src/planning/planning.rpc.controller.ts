import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { targetsV1, toRpcJson } from '@kinerja/contracts';
import { RpcAuthGuard, RpcPrincipal, type Principal } from '@kinerja/platform/auth';
import { decodePayload, requireUuids } from '../targets-error.js';
import { TeamMatrixHandler } from './team-matrix.handler.js';
import { TemplatesHandler } from './templates.handler.js';

const uuids = (field: string, ids: readonly string[]) =>
  requireUuids(Object.fromEntries(ids.map((id, i) => [`${field}.${i}`, id])));

@Controller()
@UseGuards(RpcAuthGuard)
export class PlanningRpcController {
  constructor(
    private readonly templates: TemplatesHandler,
    private readonly matrix: TeamMatrixHandler,
  ) {}

  @MessagePattern('rpc.targets.skp-template.create')
  async create(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.CreateSkpTemplateRequestSchema, payload);
    return toRpcJson(targetsV1.CreateSkpTemplateResponseSchema, {
      template: await this.templates.create(principal, request),
    });
  }

  @MessagePattern('rpc.targets.skp-template.get')
  async get(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const { id } = decodePayload(targetsV1.GetSkpTemplateRequestSchema, payload);
    requireUuids({ id });
    return toRpcJson(targetsV1.GetSkpTemplateResponseSchema, { template: await this.templates.get(principal, id) });
  }

  @MessagePattern('rpc.targets.skp-template.list')
  async list(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    decodePayload(targetsV1.ListSkpTemplatesRequestSchema, payload);
    return toRpcJson(targetsV1.ListSkpTemplatesResponseSchema, { templates: await this.templates.list(principal) });
  }

  @MessagePattern('rpc.targets.skp-template.update')
  async update(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.UpdateSkpTemplateRequestSchema, payload);
    requireUuids({ id: request.id });
    return toRpcJson(targetsV1.UpdateSkpTemplateResponseSchema, {
      template: await this.templates.update(principal, request),
    });
  }

  @MessagePattern('rpc.targets.skp-template.delete')
  async delete(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const { id } = decodePayload(targetsV1.DeleteSkpTemplateRequestSchema, payload);
    requireUuids({ id });
    await this.templates.delete(principal, id);
    return toRpcJson(targetsV1.DeleteSkpTemplateResponseSchema, {});
  }

  @MessagePattern('rpc.targets.skp-template.apply')
  async apply(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.ApplySkpTemplateRequestSchema, payload);
    requireUuids({ id: request.id, unitId: request.target?.unitId ?? '' }, ['unitId']);
    uuids('target.employeeIds', request.target?.employeeIds ?? []);
    return toRpcJson(targetsV1.ApplySkpTemplateResponseSchema, { job: await this.templates.apply(principal, request) });
  }

  @MessagePattern('rpc.targets.skp-template.job')
  async job(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const { id } = decodePayload(targetsV1.GetSkpApplyJobRequestSchema, payload);
    requireUuids({ id });
    return toRpcJson(targetsV1.GetSkpApplyJobResponseSchema, { job: await this.templates.job(principal, id) });
  }

  @MessagePattern('rpc.targets.team-matrix.get')
  async getMatrix(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const { skpId } = decodePayload(targetsV1.GetTeamMatrixRequestSchema, payload);
    requireUuids({ skpId });
    return toRpcJson(targetsV1.GetTeamMatrixResponseSchema, { matrix: await this.matrix.get(principal, skpId) });
  }

  @MessagePattern('rpc.targets.team-matrix.put')
  async putMatrix(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.PutTeamMatrixRequestSchema, payload);
    requireUuids({ skpId: request.skpId });
    request.assignments.forEach((a, i) =>
      requireUuids({ [`assignments.${i}.rhkId`]: a.rhkId, [`assignments.${i}.employeeId`]: a.employeeId }),
    );
    return toRpcJson(targetsV1.PutTeamMatrixResponseSchema, { matrix: await this.matrix.put(principal, request) });
  }

  @MessagePattern('rpc.targets.team-matrix.prefill')
  async prefill(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.PrefillTeamMatrixRequestSchema, payload);
    requireUuids({ skpId: request.skpId });
    uuids('employeeIds', request.employeeIds);
    return toRpcJson(targetsV1.PrefillTeamMatrixResponseSchema, { job: await this.matrix.prefill(principal, request) });
  }
}
