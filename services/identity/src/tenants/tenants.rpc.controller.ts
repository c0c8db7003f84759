import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { identityV1, toRpcJson } from '@kinerja/contracts';
import { RpcAuthGuard, RpcPrincipal, type Principal } from '@kinerja/platform/auth';
import { decodePayload } from '../rpc-payload.js';
import { CreateTenantHandler } from './create-tenant.handler.js';
import { ReadTenantsHandler } from './read-tenants.handler.js';
import { UpdateTenantHandler } from './update-tenant.handler.js';

@Controller()
@UseGuards(RpcAuthGuard)
export class TenantsRpcController {
  constructor(
    private readonly createTenant: CreateTenantHandler,
    private readonly readTenants: ReadTenantsHandler,
    private readonly updateTenant: UpdateTenantHandler,
  ) {}

  @MessagePattern('rpc.identity.tenant.create')
  async create(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const { tenant, admin } = await this.createTenant.execute(
      principal,
      decodePayload(identityV1.CreateTenantRequestSchema, payload),
    );
    return toRpcJson(identityV1.CreateTenantResponseSchema, {
      tenant,
      adminAccount: {
        username: admin.username,
        userId: admin.userId,
        created: admin.created,
        temporaryPassword: admin.temporaryPassword ?? '',
      },
    });
  }

  @MessagePattern('rpc.identity.tenant.get')
  async get(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const { id } = decodePayload(identityV1.GetTenantRequestSchema, payload);
    return toRpcJson(identityV1.GetTenantResponseSchema, { tenant: await this.readTenants.get(principal, id) });
  }

  @MessagePattern('rpc.identity.tenant.list')
  async list(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const { code } = decodePayload(identityV1.ListTenantsRequestSchema, payload);
    return toRpcJson(identityV1.ListTenantsResponseSchema, { tenants: await this.readTenants.list(principal, code) });
  }

  @MessagePattern('rpc.identity.tenant.update')
  async update(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.UpdateTenantRequestSchema, payload);
    return toRpcJson(identityV1.UpdateTenantResponseSchema, {
      tenant: await this.updateTenant.execute(principal, request),
    });
  }
}
