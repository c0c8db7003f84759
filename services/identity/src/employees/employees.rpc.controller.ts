import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { identityV1, toRpcJson } from '@kinerja/contracts';
import { RpcAuthGuard, RpcPrincipal, type Principal } from '@kinerja/platform/auth';
import { decodePayload } from '../rpc-payload.js';
import { CreateEmployeeHandler } from './create-employee.handler.js';
import { GetEmployeeHandler } from './get-employee.handler.js';
import { GetMeHandler } from './get-me.handler.js';

@Controller()
@UseGuards(RpcAuthGuard)
export class EmployeesRpcController {
  constructor(
    private readonly createEmployee: CreateEmployeeHandler,
    private readonly getEmployee: GetEmployeeHandler,
    private readonly getMe: GetMeHandler,
  ) {}

  @MessagePattern('rpc.identity.employee.create')
  async create(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const employee = await this.createEmployee.execute(
      principal,
      decodePayload(identityV1.CreateEmployeeRequestSchema, payload),
    );
    return toRpcJson(identityV1.CreateEmployeeResponseSchema, { employee });
  }

  @MessagePattern('rpc.identity.employee.get')
  async get(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const { id } = decodePayload(identityV1.GetEmployeeRequestSchema, payload);
    return toRpcJson(identityV1.GetEmployeeResponseSchema, { employee: await this.getEmployee.execute(principal, id) });
  }

  @MessagePattern('rpc.identity.me.get')
  async me(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    decodePayload(identityV1.GetMeRequestSchema, payload);
    return toRpcJson(identityV1.GetMeResponseSchema, await this.getMe.execute(principal));
  }
}
