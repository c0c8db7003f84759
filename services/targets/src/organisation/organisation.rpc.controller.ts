import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { targetsV1, toRpcJson } from '@kinerja/contracts';
import { RpcAuthGuard, RpcPrincipal, type Principal } from '@kinerja/platform/auth';
import { decodePayload, requireUuids } from '../targets-error.js';
import { AgreementHandler } from './agreement.handler.js';
import { OrgRatingHandler } from './org-rating.handler.js';

@Controller()
@UseGuards(RpcAuthGuard)
export class OrganisationRpcController {
  constructor(
    private readonly agreements: AgreementHandler,
    private readonly ratings: OrgRatingHandler,
  ) {}

  @MessagePattern('rpc.targets.agreement.get')
  async getAgreement(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const { year } = decodePayload(targetsV1.GetAgreementRequestSchema, payload);
    return toRpcJson(targetsV1.GetAgreementResponseSchema, { agreement: await this.agreements.get(principal, year) });
  }

  @MessagePattern('rpc.targets.agreement.put')
  async putAgreement(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.PutAgreementRequestSchema, payload);
    return toRpcJson(targetsV1.PutAgreementResponseSchema, {
      agreement: await this.agreements.put(principal, request),
    });
  }

  @MessagePattern('rpc.targets.org-rating.set')
  async setRating(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.SetOrgRatingRequestSchema, payload);
    requireUuids({ unitId: request.unitId, periodId: request.periodId });
    return toRpcJson(targetsV1.SetOrgRatingResponseSchema, { rating: await this.ratings.set(principal, request) });
  }

  @MessagePattern('rpc.targets.org-rating.list')
  async listRatings(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.ListOrgRatingsRequestSchema, payload);
    requireUuids({ unitId: request.unitId });
    return toRpcJson(targetsV1.ListOrgRatingsResponseSchema, { ratings: await this.ratings.list(principal, request) });
  }
}
