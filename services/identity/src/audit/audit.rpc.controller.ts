import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { identityV1, toRpcJson } from '@kinerja/contracts';
import { RpcAuthGuard, RpcPrincipal, type Principal } from '@kinerja/platform/auth';
import { decodePayload } from '../rpc-payload.js';
import { ListAuditHandler } from './list-audit.handler.js';

@Controller()
@UseGuards(RpcAuthGuard)
export class AuditRpcController {
  constructor(private readonly listAudit: ListAuditHandler) {}

  @MessagePattern('rpc.identity.audit.list')
  async list(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.ListAuditRequestSchema, payload);
    return toRpcJson(identityV1.ListAuditResponseSchema, await this.listAudit.execute(principal, request));
  }
}
