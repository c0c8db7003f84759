import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { identityV1, toRpcJson } from '@kinerja/contracts';
import { RpcAuthGuard, RpcPrincipal, type Principal } from '@kinerja/platform/auth';
import { decodePayload } from '../rpc-payload.js';
import { GetRaterHandler } from './get-rater.handler.js';
import { ListSubordinatesHandler } from './list-subordinates.handler.js';
import { RaterReportsHandler } from './rater-reports.handler.js';

@Controller()
@UseGuards(RpcAuthGuard)
export class RatersRpcController {
  constructor(
    private readonly getRater: GetRaterHandler,
    private readonly subordinates: ListSubordinatesHandler,
    private readonly reports: RaterReportsHandler,
  ) {}

  @MessagePattern('rpc.identity.rater.get')
  async rater(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.GetRaterRequestSchema, payload);
    return toRpcJson(identityV1.GetRaterResponseSchema, await this.getRater.execute(principal, request));
  }

  @MessagePattern('rpc.identity.subordinates.list')
  async listSubordinates(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.ListSubordinatesRequestSchema, payload);
    return toRpcJson(identityV1.ListSubordinatesResponseSchema, await this.subordinates.execute(principal, request));
  }

  @MessagePattern('rpc.identity.report.employees-without-rater')
  async withoutRater(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.ListEmployeesWithoutRaterRequestSchema, payload);
    return toRpcJson(
      identityV1.ListEmployeesWithoutRaterResponseSchema,
      await this.reports.employeesWithoutRater(principal, request),
    );
  }

  @MessagePattern('rpc.identity.report.units-without-head')
  async withoutHead(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.ListUnitsWithoutHeadRequestSchema, payload);
    return toRpcJson(
      identityV1.ListUnitsWithoutHeadResponseSchema,
      await this.reports.unitsWithoutHead(principal, request),
    );
  }

  @MessagePattern('rpc.identity.report.overlapping-acting')
  async overlapping(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    decodePayload(identityV1.ListOverlappingActingRequestSchema, payload);
    return toRpcJson(identityV1.ListOverlappingActingResponseSchema, await this.reports.overlappingActing(principal));
  }
}
