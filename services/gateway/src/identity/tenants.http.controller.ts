import { Body, Controller, Get, Headers, Inject, Param, Patch, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@kinerja/platform/auth';
import { CurrentPrincipal, Forwarded, Roles } from '../http/auth.js';
import { ProblemException } from '../http/problem.js';
import { versionFromIfMatch, withEtag } from '../http/etag.js';
import { ApiQueryOf, jsonSchema, problem } from '../http/openapi.js';
import { ZodPipe } from '../http/zod.pipe.js';
import { RPC_CLIENT, type RpcPort } from '../rpc.js';
import {
  createTenantBody,
  listTenantsQuery,
  updateTenantBody,
  uuidParam,
  type CreateTenantBody,
  type UpdateTenantBody,
} from './identity.schemas.js';
import { IdempotentPost } from '../http/idempotency.js';

type TenantReply = { tenant: { id: string; version?: string } };

@ApiTags('tenants')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid token', ...problem })
@ApiResponse({ status: 403, description: 'Role does not allow it', ...problem })
@Controller('tenants')
export class TenantsHttpController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcPort) {}

  @IdempotentPost()
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
    const created = await this.rpc.send<TenantReply>(
      'rpc.identity.tenant.create',
      {
        code: body.code,
        name: body.name,
        level: body.level,
        parentTenantId: body.parentTenantId,
        timeZone: body.timeZone,
        holidays: body.holidays,
        adminUsername: body.admin.username,
        adminEmail: body.admin.email,
        adminName: body.admin.name,
      },
      { headers },
    );
    void reply.header('location', `/api/v1/tenants/${created.tenant.id}`);
    return withEtag(reply, created, created.tenant.version);
  }

  @Get()
  @Roles('platform-admin')
  @ApiOperation({ summary: 'List tenants, optionally by code' })
  @ApiQueryOf(listTenantsQuery)
  listTenants(
    @Query(new ZodPipe(listTenantsQuery)) query: { code?: string },
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.identity.tenant.list', { code: query.code ?? '' }, { headers });
  }

  @Get(':id')
  @Roles('platform-admin')
  @ApiOperation({ summary: 'Read a tenant' })
  @ApiResponse({ status: 404, description: 'No such tenant, or another tenant', ...problem })
  async getTenant(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const found = await this.rpc.send<TenantReply>('rpc.identity.tenant.get', { id }, { headers });
    return withEtag(reply, found, found.tenant.version);
  }

  @Patch(':id')
  @Roles('platform-admin')
  @ApiOperation({
    summary: 'Change a tenant: name, time zone, holidays, regional head account (R5)',
    description: 'Send `If-Match` with the ETag you read to refuse a change made since (412).',
  })
  @ApiBody({ schema: jsonSchema(updateTenantBody) })
  @ApiResponse({ status: 412, description: 'Changed since you read it', ...problem })
  updateTenant(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Body(new ZodPipe(updateTenantBody)) body: UpdateTenantBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return sendTenantUpdate(this.rpc, id, body, ifMatch, headers, reply);
  }
}

/** The caller's own tenant (instansi): `/tenant`. */
@ApiTags('tenants')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid token', ...problem })
@ApiResponse({ status: 403, description: 'Role does not allow it', ...problem })
@Controller('tenant')
export class OwnTenantHttpController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcPort) {}

  @Get()
  @Roles('employee', 'tenant-admin', 'performance-manager', 'regional-head')
  @ApiOperation({ summary: 'Your tenant: time zone, holiday calendar, regional head account' })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const found = await this.rpc.send<TenantReply>(
      'rpc.identity.tenant.get',
      { id: tenantIdOf(principal) },
      { headers },
    );
    return withEtag(reply, found, found.tenant.version);
  }

  @Patch()
  @Roles('tenant-admin')
  @ApiOperation({
    summary: "Change your tenant's name, holiday calendar and regional head account (R5)",
    description: 'The time zone is the platform admin’s. Send `If-Match` to guard the change (412).',
  })
  @ApiBody({ schema: jsonSchema(updateTenantBody) })
  @ApiResponse({ status: 412, description: 'Changed since you read it', ...problem })
  update(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(updateTenantBody)) body: UpdateTenantBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return sendTenantUpdate(this.rpc, tenantIdOf(principal), body, ifMatch, headers, reply);
  }
}

function tenantIdOf(principal: Principal): string {
  if (!principal.tenantId) throw new ProblemException('FORBIDDEN', 'This action needs an account of a tenant.');
  return principal.tenantId;
}

async function sendTenantUpdate(
  rpc: RpcPort,
  id: string,
  body: UpdateTenantBody,
  ifMatch: string | undefined,
  headers: Record<string, string>,
  reply: FastifyReply,
): Promise<unknown> {
  const updated = await rpc.send<TenantReply>(
    'rpc.identity.tenant.update',
    {
      id,
      expectedVersion: versionFromIfMatch(ifMatch) || undefined,
      name: body.name,
      timeZone: body.timeZone,
      holidays: body.holidays ? { dates: body.holidays } : undefined,
      regionalHeadSubject: body.regionalHeadSubject,
      reason: body.reason,
    },
    { headers },
  );
  return withEtag(reply, updated, updated.tenant.version);
}
