import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Forwarded, Roles } from '../http/auth.js';
import { jsonSchema, problemSchema } from '../http/openapi.js';
import { ZodPipe } from '../http/zod.pipe.js';
import { RPC_CLIENT, type RpcPort } from '../rpc.js';
import {
  createEmployeeBody,
  createTenantBody,
  listTenantsQuery,
  uuidParam,
  type CreateEmployeeBody,
  type CreateTenantBody,
} from './identity.schemas.js';

type WithId<K extends string> = Record<K, { id: string }>;
const problem = { content: { 'application/problem+json': { schema: problemSchema } } };

@ApiTags('identity')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid token', ...problem })
@ApiResponse({ status: 403, description: 'Role does not allow it', ...problem })
@Controller()
export class IdentityHttpController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcPort) {}

  @Post('tenants')
  @Roles('platform-admin')
  @ApiOperation({ summary: 'Create a tenant (instansi) with its first tenant admin' })
  @ApiBody({ schema: jsonSchema(createTenantBody) })
  @ApiResponse({ status: 201, description: 'Created' })
  @ApiResponse({ status: 409, description: 'Code taken', ...problem })
  async createTenant(
    @Body(new ZodPipe(createTenantBody)) body: CreateTenantBody,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const created = await this.rpc.send<WithId<'tenant'>>(
      'rpc.identity.tenant.create',
      {
        code: body.code,
        name: body.name,
        level: body.level,
        parentTenantId: body.parentTenantId,
        timeZone: body.timeZone,
        adminUsername: body.admin.username,
        adminEmail: body.admin.email,
        adminName: body.admin.name,
      },
      { headers },
    );
    void reply.header('location', `/api/v1/tenants/${created.tenant.id}`);
    return created;
  }

  @Get('tenants')
  @Roles('platform-admin')
  @ApiOperation({ summary: 'List tenants, optionally by code' })
  listTenants(
    @Query(new ZodPipe(listTenantsQuery)) query: { code?: string },
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.identity.tenant.list', { code: query.code ?? '' }, { headers });
  }

  @Get('tenants/:id')
  @Roles('platform-admin')
  @ApiOperation({ summary: 'Read a tenant' })
  getTenant(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.identity.tenant.get', { id }, { headers });
  }

  @Post('employees')
  @Roles('tenant-admin')
  @ApiOperation({ summary: 'Register an employee (pegawai)' })
  @ApiBody({ schema: jsonSchema(createEmployeeBody) })
  @ApiResponse({ status: 201, description: 'Created' })
  @ApiResponse({ status: 400, description: 'Invalid fields, e.g. an invalid NIP (R1)', ...problem })
  @ApiResponse({ status: 409, description: 'NIP already registered in this tenant', ...problem })
  async createEmployee(
    @Body(new ZodPipe(createEmployeeBody)) body: CreateEmployeeBody,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const created = await this.rpc.send<WithId<'employee'>>('rpc.identity.employee.create', body, { headers });
    void reply.header('location', `/api/v1/employees/${created.employee.id}`);
    return created;
  }

  @Get('employees/:id')
  @Roles('tenant-admin', 'performance-manager', 'employee')
  @ApiOperation({ summary: 'Read an employee' })
  @ApiResponse({ status: 404, description: 'No such employee in your tenant', ...problem })
  getEmployee(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.identity.employee.get', { id }, { headers });
  }

  @Get('me')
  @HttpCode(200)
  @ApiOperation({ summary: 'The signed-in user: principal and employee record' })
  me(@Forwarded() headers: Record<string, string>): Promise<unknown> {
    return this.rpc.send('rpc.identity.me.get', {}, { headers });
  }
}
