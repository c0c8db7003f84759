import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Forwarded, Roles } from '../http/auth.js';
import { jsonSchema, problemSchema } from '../http/openapi.js';
import { ZodPipe } from '../http/zod.pipe.js';
import { RPC_CLIENT, type RpcPort } from '../rpc.js';
import { withEtag } from './etag.js';
import {
  applyBody,
  prefillBody,
  teamMatrixBody,
  templateBody,
  templateUpdateBody,
  type ApplyBody,
  type PrefillBody,
  type TeamMatrixBody,
  type TemplateBody,
  type TemplateUpdateBody,
} from './skp-templates.schemas.js';
import { uuidParam } from './targets.schemas.js';
import { IdempotentPost } from '../http/idempotency.js';

const problem = { content: { 'application/problem+json': { schema: problemSchema } } };
type WithTemplate = { template?: { id?: string; version?: string } };
type WithJob = { job?: { id?: string; state?: string } };

// SKP templates applied to many employees and the rater's team matrix (MPPH), decision 0014. Every tenant account
// may call these; the targets service decides (performance manager: the tenant's templates and anyone; a rater:
// own templates and own subordinates on the date, R5).
@ApiTags('targets: SKP templates and team matrix')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid token', ...problem })
@ApiResponse({ status: 403, description: 'Not allowed', ...problem })
@ApiResponse({ status: 404, description: 'Not found in your tenant', ...problem })
@Roles('employee', 'performance-manager', 'tenant-admin', 'regional-head')
@Controller()
export class SkpTemplatesHttpController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcPort) {}

  @IdempotentPost('skp-templates')
  @ApiOperation({ summary: "Create a template: the tenant's (performance manager) or a rater's own" })
  @ApiBody({ schema: jsonSchema(templateBody) })
  @ApiResponse({ status: 201, description: 'Created' })
  async create(
    @Body(new ZodPipe(templateBody)) body: TemplateBody,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const created = await this.rpc.send<WithTemplate>(
      'rpc.targets.skp-template.create',
      { ...body, description: body.description ?? '', scope: body.scope ?? '', ekspektasi: body.ekspektasi ?? {} },
      { headers },
    );
    void reply.header('location', `/api/v1/skp-templates/${created.template?.id}`);
    return withEtag(reply, created, (b) => b.template);
  }

  @Get('skp-templates')
  @ApiOperation({ summary: "The tenant's templates and the caller's own (every one for managers and admins)" })
  list(@Forwarded() headers: Record<string, string>): Promise<unknown> {
    return this.rpc.send('rpc.targets.skp-template.list', {}, { headers });
  }

  @Get('skp-templates/jobs/:id')
  @ApiOperation({ summary: 'Progress and report of an application (RUNNING, DONE, FAILED, INTERRUPTED)' })
  job(@Param('id', new ZodPipe(uuidParam)) id: string, @Forwarded() headers: Record<string, string>): Promise<unknown> {
    return this.rpc.send('rpc.targets.skp-template.job', { id }, { headers });
  }

  @Get('skp-templates/:id')
  @ApiOperation({ summary: 'Read a template; the ETag is its version' })
  async get(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const found = await this.rpc.send<WithTemplate>('rpc.targets.skp-template.get', { id }, { headers });
    return withEtag(reply, found, (b) => b.template);
  }

  @Put('skp-templates/:id')
  @ApiOperation({ summary: 'Replace a template (If-Match optional: a stale one is 412)' })
  @ApiBody({ schema: jsonSchema(templateUpdateBody) })
  async update(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Body(new ZodPipe(templateUpdateBody)) body: TemplateUpdateBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const updated = await this.rpc.send<WithTemplate>(
      'rpc.targets.skp-template.update',
      { id, ifMatch: ifMatch ?? '', ...body, description: body.description ?? '', ekspektasi: body.ekspektasi ?? {} },
      { headers },
    );
    return withEtag(reply, updated, (b) => b.template);
  }

  @Delete('skp-templates/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a template (SKPs it filled keep their rows)' })
  async delete(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Forwarded() headers: Record<string, string>,
  ): Promise<void> {
    await this.rpc.send('rpc.targets.skp-template.delete', { id }, { headers });
  }

  @IdempotentPost('skp-templates/:id/apply')
  @ApiOperation({
    summary:
      'Apply to a unit (with descendants), a position or a list of employees: creates drafts or extends them with missing rows; 200 with the report, or 202 with a job to poll when large',
  })
  @ApiBody({ schema: jsonSchema(applyBody) })
  @ApiResponse({ status: 200, description: 'Finished: created, extended, skipped (with reasons)' })
  @ApiResponse({ status: 202, description: 'Running: poll GET /skp-templates/jobs/{id}' })
  async apply(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Body(new ZodPipe(applyBody)) body: ApplyBody,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const target = {
      unitId: body.target.unitId ?? '',
      includeDescendants: body.target.includeDescendants ?? false,
      positionName: body.target.positionName ?? '',
      jenisJabatan: body.target.jenisJabatan ?? '',
      employeeIds: body.target.employeeIds ?? [],
    };
    const result = await this.rpc.send<WithJob>(
      'rpc.targets.skp-template.apply',
      { id, year: body.year, target },
      { headers, timeoutMs: 30_000 },
    );
    return jobReply(reply, result);
  }

  @Get('skps/:id/team-matrix')
  @ApiOperation({ summary: "Team matrix (MPPH) of a rater's SKP: RHK × subordinates, assignments and citations (R9)" })
  teamMatrix(
    @Param('id', new ZodPipe(uuidParam)) skpId: string,
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.targets.team-matrix.get', { skpId }, { headers });
  }

  @Put('skps/:id/team-matrix')
  @ApiOperation({ summary: 'Assign planned contributions (rater RHK × subordinate → result text and role)' })
  @ApiBody({ schema: jsonSchema(teamMatrixBody) })
  putTeamMatrix(
    @Param('id', new ZodPipe(uuidParam)) skpId: string,
    @Body(new ZodPipe(teamMatrixBody)) body: TeamMatrixBody,
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    const assignments = body.assignments.map((a) => ({ ...a, role: a.role ?? '' }));
    return this.rpc.send('rpc.targets.team-matrix.put', { skpId, assignments }, { headers });
  }

  @IdempotentPost('skps/:id/team-matrix/prefill')
  @ApiOperation({ summary: "Pre-fill subordinates' drafts with their assignments, citing the rater's RHK (R9)" })
  @ApiBody({ schema: jsonSchema(prefillBody) })
  @ApiResponse({ status: 200, description: 'Finished: created, extended, skipped (with reasons)' })
  @ApiResponse({ status: 202, description: 'Running: poll GET /skp-templates/jobs/{id}' })
  async prefill(
    @Param('id', new ZodPipe(uuidParam)) skpId: string,
    @Body(new ZodPipe(prefillBody)) body: PrefillBody,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const result = await this.rpc.send<WithJob>(
      'rpc.targets.team-matrix.prefill',
      { skpId, employeeIds: body?.employeeIds ?? [] },
      { headers, timeoutMs: 30_000 },
    );
    return jobReply(reply, result);
  }
}

function jobReply(reply: FastifyReply, result: WithJob): WithJob {
  if (result.job?.state === 'RUNNING') {
    void reply.status(202);
    void reply.header('location', `/api/v1/skp-templates/jobs/${result.job.id}`);
  } else void reply.status(200);
  return result;
}
