import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { identityV1, toRpcJson } from '@kinerja/contracts';
import { RpcAuthGuard, RpcPrincipal, type Principal } from '@kinerja/platform/auth';
import { decodePayload } from '../rpc-payload.js';
import { ChangeEmployeeStatusHandler } from './change-employee-status.handler.js';
import { CreateEmployeeHandler } from './create-employee.handler.js';
import { GetEmployeeHandler } from './get-employee.handler.js';
import { GetMeHandler } from './get-me.handler.js';
import { ListEmployeesHandler } from './list-employees.handler.js';
import { MoveEmployeeHandler } from './move-employee.handler.js';
import { UpdateEmployeeHandler } from './update-employee.handler.js';

@Controller()
@UseGuards(RpcAuthGuard)
export class EmployeesRpcController {
  constructor(
    private readonly createEmployee: CreateEmployeeHandler,
    private readonly getEmployee: GetEmployeeHandler,
    private readonly getMe: GetMeHandler,
    private readonly listEmployees: ListEmployeesHandler,
    private readonly updateEmployee: UpdateEmployeeHandler,
    private readonly moveEmployee: MoveEmployeeHandler,
    private readonly changeStatus: ChangeEmployeeStatusHandler,
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

  @MessagePattern('rpc.identity.employee.list')
  async list(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.ListEmployeesRequestSchema, payload);
    return this.listEmployees.execute(principal, request);
  }

  @MessagePattern('rpc.identity.employee.update')
  async update(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.UpdateEmployeeRequestSchema, payload);
    return toRpcJson(identityV1.UpdateEmployeeResponseSchema, {
      employee: await this.updateEmployee.execute(principal, request),
    });
  }

  @MessagePattern('rpc.identity.employee.move')
  async move(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.MoveEmployeeRequestSchema, payload);
    return toRpcJson(identityV1.MoveEmployeeResponseSchema, await this.moveEmployee.execute(principal, request));
  }

  @MessagePattern('rpc.identity.employee-status.change')
  async status(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.ChangeEmployeeStatusRequestSchema, payload);
    return toRpcJson(identityV1.ChangeEmployeeStatusResponseSchema, {
      employee: await this.changeStatus.execute(principal, request),
    });
  }
}
