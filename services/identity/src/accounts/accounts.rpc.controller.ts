import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { identityV1, toRpcJson } from '@kinerja/contracts';
import { RpcAuthGuard, RpcPrincipal, type Principal } from '@kinerja/platform/auth';
import { decodePayload } from '../rpc-payload.js';
import { CreateAccountHandler } from './create-account.handler.js';
import { SetEmployeeRolesHandler } from './set-employee-roles.handler.js';

@Controller()
@UseGuards(RpcAuthGuard)
export class AccountsRpcController {
  constructor(
    private readonly createAccount: CreateAccountHandler,
    private readonly setRoles: SetEmployeeRolesHandler,
  ) {}

  @MessagePattern('rpc.identity.account.create')
  async create(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.CreateAccountRequestSchema, payload);
    return toRpcJson(identityV1.CreateAccountResponseSchema, await this.createAccount.execute(principal, request));
  }

  @MessagePattern('rpc.identity.employee-roles.set')
  async roles(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.SetEmployeeRolesRequestSchema, payload);
    return toRpcJson(identityV1.SetEmployeeRolesResponseSchema, {
      employee: await this.setRoles.execute(principal, request),
    });
  }
}
