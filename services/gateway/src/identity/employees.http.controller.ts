import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Patch, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Forwarded, Roles } from '../http/auth.js';
import { versionFromIfMatch, withEtag } from '../http/etag.js';
import { ApiQueryOf, jsonSchema, problem } from '../http/openapi.js';
import { ZodPipe } from '../http/zod.pipe.js';
import { RPC_CLIENT, type RpcPort } from '../rpc.js';
import {
  createAccountBody,
  createEmployeeBody,
  dateQuery,
  listEmployeesQuery,
  moveEmployeeBody,
  setRolesBody,
  statusChangeBody,
  updateEmployeeBody,
  uuidParam,
  type CreateAccountBody,
  type CreateEmployeeBody,
  type MoveEmployeeBody,
  type SetRolesBody,
  type StatusChangeBody,
  type UpdateEmployeeBody,
} from './identity.schemas.js';
import { IdempotentPost } from '../http/idempotency.js';

type EmployeeReply = { employee: { id: string; version?: string } };
/** Fine-grained rights (the employee, the rater, the rater's superior) are the identity service's. */
const TENANT_ROLES = ['employee', 'tenant-admin', 'performance-manager', 'regional-head'] as const;

@ApiTags('employees')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid token', ...problem })
@ApiResponse({ status: 403, description: 'Role does not allow it', ...problem })
@Controller()
export class EmployeesHttpController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcPort) {}

  @IdempotentPost('employees')
  @Roles('tenant-admin')
  @ApiOperation({ summary: 'Register an employee (pegawai), placed in a unit from a date' })
  @ApiBody({ schema: jsonSchema(createEmployeeBody) })
  @ApiResponse({ status: 201, description: 'Created' })
  @ApiResponse({ status: 400, description: 'Invalid fields, e.g. an invalid NIP (R1) or jenjang (R4)', ...problem })
  @ApiResponse({ status: 404, description: 'No such unit in your tenant', ...problem })
  @ApiResponse({ status: 409, description: 'NIP already registered in this tenant', ...problem })
  async create(
    @Body(new ZodPipe(createEmployeeBody)) body: CreateEmployeeBody,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const created = await this.rpc.send<EmployeeReply>('rpc.identity.employee.create', body, { headers });
    void reply.header('location', `/api/v1/employees/${created.employee.id}`);
    return withEtag(reply, created, created.employee.version);
  }

  @Get('employees')
  @Roles('tenant-admin', 'performance-manager')
  @ApiOperation({ summary: 'List employees by unit (with or without the units below), status and name/NIP' })
  @ApiQueryOf(listEmployeesQuery)
  @ApiResponse({ status: 404, description: 'No such unit in your tenant', ...problem })
  list(
    @Query(new ZodPipe(listEmployeesQuery)) query: ReturnType<typeof listEmployeesQuery.parse>,
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    const { cursor, limit, ...filters } = query;
    return this.rpc.send('rpc.identity.employee.list', { ...filters, page: { cursor, limit } }, { headers });
  }

  @Get('employees/:id')
  @Roles(...TENANT_ROLES)
  @ApiOperation({
    summary: 'Read an employee with placements and statuses',
    description: "Readable by the tenant's admins and managers, the employee, the rater and the rater's superior.",
  })
  @ApiResponse({ status: 404, description: 'No such employee in your tenant', ...problem })
  async get(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const found = await this.rpc.send<EmployeeReply>('rpc.identity.employee.get', { id }, { headers });
    return withEtag(reply, found, found.employee.version);
  }

  @Patch('employees/:id')
  @Roles('tenant-admin')
  @ApiOperation({
    summary: "Change an employee's own data: NIP correction, name, e-mail, golongan",
    description: 'Send `If-Match` with the ETag you read to refuse a change made since (412).',
  })
  @ApiBody({ schema: jsonSchema(updateEmployeeBody) })
  @ApiResponse({ status: 412, description: 'Changed since you read it', ...problem })
  async update(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Body(new ZodPipe(updateEmployeeBody)) body: UpdateEmployeeBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const updated = await this.rpc.send<EmployeeReply>(
      'rpc.identity.employee.update',
      { id, expectedVersion: versionFromIfMatch(ifMatch) || undefined, ...body },
      { headers },
    );
    return withEtag(reply, updated, updated.employee.version);
  }

  @IdempotentPost('employees/:id/moves')
  @HttpCode(200)
  @Roles('tenant-admin')
  @ApiOperation({
    summary: 'Move an employee to another unit and/or position from a date (R4, R6)',
    description: 'The current placement ends the day before; employee.moved is published (the SKP closes, R6).',
  })
  @ApiBody({ schema: jsonSchema(moveEmployeeBody) })
  @ApiResponse({ status: 409, description: 'Before the latest placement change (HISTORY_CONFLICT)', ...problem })
  async move(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Body(new ZodPipe(moveEmployeeBody)) body: MoveEmployeeBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const moved = await this.rpc.send<EmployeeReply>(
      'rpc.identity.employee.move',
      { id, expectedVersion: versionFromIfMatch(ifMatch) || undefined, ...body },
      { headers },
    );
    return withEtag(reply, moved, moved.employee.version);
  }

  @IdempotentPost('employees/:id/status-changes')
  @HttpCode(200)
  @Roles('tenant-admin')
  @ApiOperation({ summary: 'Change the employment status from a date (R3)' })
  @ApiBody({ schema: jsonSchema(statusChangeBody) })
  async changeStatus(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Body(new ZodPipe(statusChangeBody)) body: StatusChangeBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const changed = await this.rpc.send<EmployeeReply>(
      'rpc.identity.employee-status.change',
      { id, expectedVersion: versionFromIfMatch(ifMatch) || undefined, ...body },
      { headers },
    );
    return withEtag(reply, changed, changed.employee.version);
  }

  @Get('employees/:id/rater')
  @Roles(...TENANT_ROLES)
  @ApiOperation({
    summary: "The rater and the rater's superior on a date, with the path that decided each (R5)",
  })
  @ApiQueryOf(dateQuery)
  @ApiResponse({ status: 422, description: 'No rater on that date (RATER_UNRESOLVED)', ...problem })
  rater(
    @Param('id', new ZodPipe(uuidParam)) employeeId: string,
    @Query(new ZodPipe(dateQuery)) query: { date?: string },
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.identity.rater.get', { employeeId, date: query.date }, { headers });
  }

  @Get('employees/:id/subordinates')
  @Roles(...TENANT_ROLES)
  @ApiOperation({ summary: 'Whom this employee rates on a date (R5)' })
  @ApiQueryOf(dateQuery)
  subordinates(
    @Param('id', new ZodPipe(uuidParam)) employeeId: string,
    @Query(new ZodPipe(dateQuery)) query: { date?: string },
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.identity.subordinates.list', { employeeId, date: query.date }, { headers });
  }

  @Put('employees/:id/roles')
  @Roles('tenant-admin')
  @ApiOperation({
    summary: "Set the tenant roles of the employee's login (employee is always kept); audited (R42)",
    description: 'platform-admin, national-monitor and integration are never a tenant admin’s to grant (403).',
  })
  @ApiBody({ schema: jsonSchema(setRolesBody) })
  @ApiResponse({ status: 409, description: 'The employee has no login yet (ACCOUNT_MISSING)', ...problem })
  async setRoles(
    @Param('id', new ZodPipe(uuidParam)) employeeId: string,
    @Body(new ZodPipe(setRolesBody)) body: SetRolesBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const updated = await this.rpc.send<EmployeeReply>(
      'rpc.identity.employee-roles.set',
      { employeeId, expectedVersion: versionFromIfMatch(ifMatch) || undefined, ...body },
      { headers },
    );
    return withEtag(reply, updated, updated.employee.version);
  }

  @IdempotentPost('employees/:id/account')
  @Roles('tenant-admin')
  @ApiOperation({
    summary: "Create the employee's login in the identity provider and link it",
    description: 'An existing login of this tenant with the same username is linked instead.',
  })
  @ApiBody({ schema: jsonSchema(createAccountBody) })
  @ApiResponse({ status: 201, description: 'Created and linked' })
  @ApiResponse({ status: 409, description: 'Username taken or the employee already has a login', ...problem })
  async createAccount(
    @Param('id', new ZodPipe(uuidParam)) employeeId: string,
    @Body(new ZodPipe(createAccountBody)) body: CreateAccountBody,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const created = await this.rpc.send<EmployeeReply>(
      'rpc.identity.account.create',
      { employeeId, ...body },
      {
        headers,
      },
    );
    void reply.header('location', `/api/v1/employees/${employeeId}`);
    return withEtag(reply, created, created.employee.version);
  }

  @Get('me')
  @HttpCode(200)
  @ApiOperation({ summary: 'The signed-in user: principal and employee record' })
  me(@Forwarded() headers: Record<string, string>): Promise<unknown> {
    return this.rpc.send('rpc.identity.me.get', {}, { headers });
  }
}
