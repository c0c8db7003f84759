import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { targetsV1, toRpcJson } from '@kinerja/contracts';
import { RpcAuthGuard, RpcPrincipal, type Principal } from '@kinerja/platform/auth';
import { decodePayload, requireUuids } from '../targets-error.js';
import { PeriodsHandler } from './periods.handler.js';

@Controller()
@UseGuards(RpcAuthGuard)
export class PeriodsRpcController {
  constructor(private readonly periods: PeriodsHandler) {}

  @MessagePattern('rpc.targets.period.list')
  async list(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const { year } = decodePayload(targetsV1.ListPeriodsRequestSchema, payload);
    return toRpcJson(targetsV1.ListPeriodsResponseSchema, { periods: await this.periods.list(principal, year) });
  }

  @MessagePattern('rpc.targets.period.update')
  async update(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.UpdatePeriodRequestSchema, payload);
    requireUuids({ id: request.id });
    return toRpcJson(targetsV1.UpdatePeriodResponseSchema, { period: await this.periods.update(principal, request) });
  }
}
