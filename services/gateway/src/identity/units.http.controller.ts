import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Patch, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Forwarded, Roles } from '../http/auth.js';
import { versionFromIfMatch, withEtag } from '../http/etag.js';
import { ApiQueryOf, jsonSchema, problem } from '../http/openapi.js';
import { ProblemException } from '../http/problem.js';
import { ZodPipe } from '../http/zod.pipe.js';
import { RPC_CLIENT, type RpcPort } from '../rpc.js';
import {
  createActingBody,
  createUnitBody,
  listUnitsQuery,
  revokeActingBody,
  setHeadBody,
  unitTreeQuery,
  updateActingBody,
  updateUnitBody,
  uuidParam,
  type CreateActingBody,
  type CreateUnitBody,
  type SetHeadBody,
  type UpdateActingBody,
  type UpdateUnitBody,
} from './identity.schemas.js';
import { IdempotentPost } from '../http/idempotency.js';

type UnitReply = { unit: { id: string; version?: string } };
type ActingReply = { appointment: { id: string; version?: string } };
/** Every account of a tenant may read its org structure. */
const TENANT_ROLES = ['employee', 'tenant-admin', 'performance-manager', 'regional-head'] as const;

@ApiTags('units')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid token', ...problem })
@ApiResponse({ status: 403, description: 'Role does not allow it', ...problem })
@Controller('units')
export class UnitsHttpController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcPort) {}

  @IdempotentPost()
  @Roles('tenant-admin')
  @ApiOperation({ summary: 'Create an org unit (unor), under a parent from a date or as a top unit' })
  @ApiBody({ schema: jsonSchema(createUnitBody) })
  @ApiResponse({ status: 201, description: 'Created' })
  @ApiResponse({ status: 404, description: 'No such parent in your tenant', ...problem })
  @ApiResponse({ status: 409, description: 'Code taken', ...problem })
  async create(
    @Body(new ZodPipe(createUnitBody)) body: CreateUnitBody,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const created = await this.rpc.send<UnitReply>('rpc.identity.unit.create', body, { headers });
    void reply.header('location', `/api/v1/units/${created.unit.id}`);
    return withEtag(reply, created, created.unit.version);
  }

  @Get()
  @Roles(...TENANT_ROLES)
  @ApiOperation({ summary: 'List units, by parent, kind or name, with cursor pagination' })
  @ApiQueryOf(listUnitsQuery)
  list(
    @Query(new ZodPipe(listUnitsQuery)) query: ReturnType<typeof listUnitsQuery.parse>,
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    const { cursor, limit, ...filters } = query;
    return this.rpc.send('rpc.identity.unit.list', { ...filters, page: { cursor, limit } }, { headers });
  }

  @Get('tree')
  @Roles(...TENANT_ROLES)
  @ApiOperation({ summary: 'The org tree on a date: heads, acting heads (PLT/PLH) and staff counts per unit' })
  @ApiQueryOf(unitTreeQuery)
  tree(
    @Query(new ZodPipe(unitTreeQuery)) query: { date?: string; rootId?: string },
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.identity.unit-tree.get', query, { headers });
  }

  @Get(':id')
  @Roles(...TENANT_ROLES)
  @ApiOperation({ summary: 'Read a unit with its parent and head history and its acting appointments' })
  @ApiResponse({ status: 404, description: 'No such unit in your tenant', ...problem })
  async get(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const found = await this.rpc.send<UnitReply>('rpc.identity.unit.get', { id }, { headers });
    return withEtag(reply, found, found.unit.version);
  }

  @Patch(':id')
  @Roles('tenant-admin')
  @ApiOperation({
    summary: 'Change a unit; a new parentId moves it from effectiveFrom, keeping the history',
    description: 'A unit cannot become its own ancestor (409 UNIT_CYCLE). Send `If-Match` to guard the change.',
  })
  @ApiBody({ schema: jsonSchema(updateUnitBody) })
  @ApiResponse({
    status: 409,
    description: 'UNIT_CYCLE, UNIT_NOT_EMPTY, HISTORY_CONFLICT, UNIT_CODE_TAKEN',
    ...problem,
  })
  @ApiResponse({ status: 412, description: 'Changed since you read it', ...problem })
  async update(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Body(new ZodPipe(updateUnitBody)) body: UpdateUnitBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const { parentId, ...rest } = body;
    const updated = await this.rpc.send<UnitReply>(
      'rpc.identity.unit.update',
      {
        id,
        expectedVersion: versionFromIfMatch(ifMatch) || undefined,
        ...rest,
        parentId: parentId === undefined ? undefined : (parentId ?? ''),
      },
      { headers },
    );
    return withEtag(reply, updated, updated.unit.version);
  }

  @Put(':id/head')
  @Roles('tenant-admin')
  @ApiOperation({ summary: 'Set the definitive head from a date, or make it vacant (R5)' })
  @ApiBody({ schema: jsonSchema(setHeadBody) })
  @ApiResponse({ status: 409, description: 'Before the latest head change (HISTORY_CONFLICT)', ...problem })
  async setHead(
    @Param('id', new ZodPipe(uuidParam)) unitId: string,
    @Body(new ZodPipe(setHeadBody)) body: SetHeadBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const updated = await this.rpc.send<UnitReply>(
      'rpc.identity.unit-head.set',
      {
        unitId,
        employeeId: body.employeeId ?? '',
        effectiveFrom: body.effectiveFrom,
        reason: body.reason,
        expectedVersion: versionFromIfMatch(ifMatch) || undefined,
      },
      { headers },
    );
    return withEtag(reply, updated, updated.unit.version);
  }

  @IdempotentPost(':id/acting')
  @Roles('tenant-admin')
  @ApiOperation({ summary: 'Appoint an acting head (PLT) or daily acting head (PLH) for a date range (R5)' })
  @ApiBody({ schema: jsonSchema(createActingBody) })
  @ApiResponse({ status: 201, description: 'Created' })
  @ApiResponse({ status: 409, description: 'Overlaps another appointment in the unit (ACTING_OVERLAP)', ...problem })
  async appoint(
    @Param('id', new ZodPipe(uuidParam)) unitId: string,
    @Body(new ZodPipe(createActingBody)) body: CreateActingBody,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const created = await this.rpc.send<ActingReply>('rpc.identity.acting.create', { unitId, ...body }, { headers });
    void reply.header('location', `/api/v1/units/${unitId}/acting/${created.appointment.id}`);
    return withEtag(reply, created, created.appointment.version);
  }

  @Get(':id/acting')
  @Roles(...TENANT_ROLES)
  @ApiOperation({ summary: "The unit's acting appointments, revoked ones included" })
  listActing(
    @Param('id', new ZodPipe(uuidParam)) unitId: string,
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.identity.acting.list', { unitId }, { headers });
  }

  @Get(':id/acting/:actingId')
  @Roles(...TENANT_ROLES)
  @ApiOperation({ summary: 'One acting appointment of the unit' })
  @ApiResponse({ status: 404, description: 'No such appointment in this unit', ...problem })
  async getActing(
    @Param('id', new ZodPipe(uuidParam)) unitId: string,
    @Param('actingId', new ZodPipe(uuidParam)) actingId: string,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const { appointments = [] } = await this.rpc.send<{ appointments?: ActingReply['appointment'][] }>(
      'rpc.identity.acting.list',
      { unitId },
      { headers },
    );
    const appointment = appointments.find((a) => a.id === actingId);
    if (!appointment) throw new ProblemException('NOT_FOUND', 'Penunjukan PLT/PLH tidak ditemukan.');
    return withEtag(reply, { appointment }, appointment.version);
  }

  @Patch(':id/acting/:actingId')
  @Roles('tenant-admin')
  @ApiOperation({ summary: 'Change the dates or decree of an acting appointment' })
  @ApiBody({ schema: jsonSchema(updateActingBody) })
  @ApiResponse({ status: 409, description: 'Overlaps another appointment, or revoked', ...problem })
  async changeActing(
    @Param('id', new ZodPipe(uuidParam)) unitId: string,
    @Param('actingId', new ZodPipe(uuidParam)) id: string,
    @Body(new ZodPipe(updateActingBody)) body: UpdateActingBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const updated = await this.rpc.send<ActingReply>(
      'rpc.identity.acting.update',
      {
        id,
        unitId,
        expectedVersion: versionFromIfMatch(ifMatch) || undefined,
        from: body.from,
        to: body.to === undefined ? undefined : (body.to ?? ''),
        decreeNumber: body.decreeNumber,
        reason: body.reason,
      },
      { headers },
    );
    return withEtag(reply, updated, updated.appointment.version);
  }

  @IdempotentPost(':id/acting/:actingId/revoke')
  @HttpCode(200)
  @Roles('tenant-admin')
  @ApiOperation({ summary: 'Revoke an acting appointment: it never counted; the record stays' })
  @ApiBody({ schema: jsonSchema(revokeActingBody) })
  revokeActing(
    @Param('id', new ZodPipe(uuidParam)) unitId: string,
    @Param('actingId', new ZodPipe(uuidParam)) id: string,
    @Body(new ZodPipe(revokeActingBody)) body: { reason?: string },
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.identity.acting.revoke', { id, unitId, reason: body.reason }, { headers });
  }
}
