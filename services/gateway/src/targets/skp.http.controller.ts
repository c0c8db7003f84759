import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Forwarded, Roles } from '../http/auth.js';
import { ApiQueryOf, jsonSchema, problemSchema } from '../http/openapi.js';
import { ZodPipe } from '../http/zod.pipe.js';
import { RPC_CLIENT, type RpcPort } from '../rpc.js';
import { withEtag } from './etag.js';
import {
  createSkpBody,
  expectationsBody,
  listSkpsQuery,
  rencanaAksiBody,
  rencanaAksiQuery,
  rencanaAksiUpdateBody,
  skpAuditQuery,
  skpDocumentQuery,
  transitionBody,
  transitionVerb,
  unitStatusQuery,
  updateSkpBody,
  uuidParam,
  type CreateSkpBody,
  type ExpectationsBody,
  type RencanaAksiBody,
  type RencanaAksiUpdateBody,
  type SkpDocumentQuery,
  type TransitionBody,
  type UpdateSkpBody,
} from './targets.schemas.js';
import { IdempotentPost } from '../http/idempotency.js';

type AuditRecord = Partial<
  Record<
    | 'at'
    | 'actor'
    | 'actorName'
    | 'actorNip'
    | 'actorRole'
    | 'action'
    | 'fromStatus'
    | 'toStatus'
    | 'versionNumber'
    | 'reason',
    string | number
  >
>;
type AuditTrail = { records?: AuditRecord[]; employeeNip?: string; year?: number };

// R42 export: RFC 4180 CSV; a cell starting with = + - @ is prefixed with ' so a spreadsheet shows it as text.
function auditCsv(records: readonly AuditRecord[]): string {
  const columns = [
    'at',
    'actorName',
    'actorNip',
    'actor',
    'actorRole',
    'action',
    'fromStatus',
    'toStatus',
    'versionNumber',
    'reason',
  ] as const;
  const cell = (value: string | number | undefined) => {
    const text = String(value ?? '');
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return [columns.join(','), ...records.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}

const problem = { content: { 'application/problem+json': { schema: problemSchema } } };
type WithSkp = { skp?: { id?: string; version?: string } };
const transitions = {
  submit: 'SUBMIT',
  approve: 'APPROVE',
  reject: 'REJECT',
  revise: 'REVISE',
  'cancel-revision': 'CANCEL_REVISION',
} as const;

// SKP (R8–R13) and rencana aksi. Every tenant account may call these; the targets service decides, per SKP, who
// is the employee, the rater on the date (an acting head within the appointment's dates), the rater's superior or
// a performance manager acting on the employee's behalf.
@ApiTags('targets: SKP')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid token', ...problem })
@ApiResponse({ status: 403, description: 'Not allowed', ...problem })
@ApiResponse({ status: 404, description: 'No such SKP in your tenant', ...problem })
@Roles('employee', 'performance-manager', 'tenant-admin', 'regional-head')
@Controller()
export class SkpHttpController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcPort) {}

  @IdempotentPost('skps')
  @ApiOperation({ summary: 'Create an SKP for the year and the current position (R8, R11)' })
  @ApiBody({ schema: jsonSchema(createSkpBody) })
  @ApiResponse({ status: 201, description: 'Created' })
  @ApiResponse({ status: 409, description: 'An SKP for this year and position exists', ...problem })
  async create(
    @Body(new ZodPipe(createSkpBody)) body: CreateSkpBody,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const created = await this.rpc.send<WithSkp>('rpc.targets.skp.create', body, { headers });
    void reply.header('location', `/api/v1/skps/${created.skp?.id}`);
    return withEtag(reply, created, (b) => b.skp);
  }

  @Get('skps')
  @ApiOperation({ summary: "An employee's SKPs (the caller's by default)" })
  list(
    @Query(new ZodPipe(listSkpsQuery)) query: { employeeId?: string; year?: number },
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send(
      'rpc.targets.skp.list',
      { employeeId: query.employeeId ?? '', year: query.year ?? 0 },
      { headers },
    );
  }

  @Get('skps/approvals')
  @ApiOperation({ summary: "The rater's queue: SKPs waiting for the caller's decision" })
  approvals(@Forwarded() headers: Record<string, string>): Promise<unknown> {
    return this.rpc.send('rpc.targets.skp.approvals', {}, { headers });
  }

  @Get('skps/:id')
  @ApiOperation({ summary: 'Read an SKP; the ETag is its version' })
  async get(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    return withEtag(reply, await this.rpc.send<WithSkp>('rpc.targets.skp.get', { id }, { headers }), (b) => b.skp);
  }

  @Put('skps/:id')
  @ApiOperation({ summary: 'Edit the RHK, IKI and lampiran of the working version (If-Match required)' })
  @ApiBody({ schema: jsonSchema(updateSkpBody) })
  @ApiResponse({ status: 412, description: 'Stale If-Match: someone else changed it', ...problem })
  @ApiResponse({ status: 428, description: 'If-Match missing', ...problem })
  async update(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Body(new ZodPipe(updateSkpBody)) body: UpdateSkpBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const updated = await this.rpc.send<WithSkp>(
      'rpc.targets.skp.update',
      { id, ifMatch: ifMatch ?? '', ...body },
      { headers },
    );
    return withEtag(reply, updated, (b) => b.skp);
  }

  @Put('skps/:id/expectations')
  @ApiOperation({ summary: "The rater's ekspektasi khusus per BerAKHLAK value (R10; If-Match required)" })
  @ApiBody({ schema: jsonSchema(expectationsBody) })
  async expectations(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Body(new ZodPipe(expectationsBody)) body: ExpectationsBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const updated = await this.rpc.send<WithSkp>(
      'rpc.targets.skp.expectations',
      { id, ifMatch: ifMatch ?? '', ekspektasi: body.ekspektasi },
      { headers },
    );
    return withEtag(reply, updated, (b) => b.skp);
  }

  @IdempotentPost('skps/:id/:action')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit, approve, reject (reason), revise (reason) or cancel a revision (R11, R12)' })
  @ApiParam({ name: 'action', enum: Object.keys(transitions) })
  @ApiBody({ schema: jsonSchema(transitionBody) })
  @ApiResponse({ status: 409, description: 'Not allowed in the current state', ...problem })
  @ApiResponse({ status: 422, description: 'Incomplete: every missing item is listed (R12)', ...problem })
  async transition(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Param('action', new ZodPipe(transitionVerb)) action: keyof typeof transitions,
    @Body(new ZodPipe(transitionBody)) body: TransitionBody | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const result = await this.rpc.send<WithSkp>(
      'rpc.targets.skp.transition',
      { id, action: transitions[action], reason: body?.reason ?? '', ifMatch: ifMatch ?? '' },
      { headers },
    );
    return withEtag(reply, result, (b) => b.skp);
  }

  @Get('skps/:id/history')
  @ApiOperation({ summary: 'Versions with readable diffs and the audit trail (R11, R42)' })
  history(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.targets.skp.history', { id }, { headers });
  }

  @Get('skps/:id/document.pdf')
  @ApiOperation({
    summary: 'The SKP as a PDF in the layout of PermenPANRB 6/2022 (R8–R10); Bahasa Indonesia, or English',
    description:
      'The version in force (the working one before the first approval) or `?version=n`. Language from `?lang=` or ' +
      '`Accept-Language` (en), else Bahasa Indonesia. Readable by whoever may read the SKP. At most about 750 KB ' +
      '(one NATS reply, decision 0012): larger is 422 DOCUMENT_TOO_LARGE; an SKP within the SKP limits stays below.',
  })
  @ApiProduces('application/pdf')
  @ApiQueryOf(skpDocumentQuery)
  @ApiResponse({ status: 200, description: 'The PDF', content: { 'application/pdf': {} } })
  @ApiResponse({ status: 422, description: 'DOCUMENT_TOO_LARGE', ...problem })
  async document(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Query(new ZodPipe(skpDocumentQuery)) query: SkpDocumentQuery,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Forwarded() headers: Record<string, string>,
  ): Promise<StreamableFile> {
    const lang = query.lang ?? (/^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'id');
    const reply = await this.rpc.send<{ filename: string; content: string; contentType: string }>(
      'rpc.targets.skp.document',
      { id, version: query.version ?? 0, lang, place: query.place ?? '' },
      { headers },
    );
    const bytes = Buffer.from(reply.content, 'base64');
    return new StreamableFile(bytes, {
      type: 'application/pdf',
      disposition: `inline; filename="${reply.filename.replaceAll(/[^A-Za-z0-9._-]/g, '_')}"`,
      length: bytes.length,
    });
  }

  @Get('skps/:id/audit')
  @ApiOperation({
    summary: 'The audit trail of an SKP (R11, R42): who, when, what, from and to status, reason; JSON or CSV',
  })
  @ApiQueryOf(skpAuditQuery)
  @ApiProduces('application/json', 'text/csv')
  async audit(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Query(new ZodPipe(skpAuditQuery)) query: { format: 'json' | 'csv' },
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    const trail = await this.rpc.send<AuditTrail>('rpc.targets.skp.audit', { id }, { headers });
    if (query.format === 'json') return trail;
    const csv = auditCsv(trail.records ?? []);
    return new StreamableFile(Buffer.from(csv, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="SKP-audit-${(trail.employeeNip ?? '').replaceAll(/[^0-9]/g, '') || id}-${trail.year ?? ''}.csv"`,
    });
  }

  @Get('units/:unitId/skp-status')
  @ApiOperation({ summary: 'Who in a unit has no SKP, is late (R13) or waits for approval; AKTIF employees only (R3)' })
  unitStatus(
    @Param('unitId', new ZodPipe(uuidParam)) unitId: string,
    @Query(new ZodPipe(unitStatusQuery)) query: { year: number; includeDescendants: 'true' | 'false' },
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send(
      'rpc.targets.skp.unit-status',
      { unitId, year: query.year, includeDescendants: query.includeDescendants === 'true' },
      { headers },
    );
  }

  @Get('skps/:id/rencana-aksi')
  @ApiOperation({ summary: 'Rencana aksi of an SKP, optionally of one period' })
  listRencanaAksi(
    @Param('id', new ZodPipe(uuidParam)) skpId: string,
    @Query(new ZodPipe(rencanaAksiQuery)) query: { periodId?: string },
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.targets.rencana-aksi.list', { skpId, periodId: query.periodId ?? '' }, { headers });
  }

  @IdempotentPost('skps/:id/rencana-aksi')
  @ApiOperation({ summary: 'Plan an action for a period under an RHK (the SKP owner)' })
  @ApiBody({ schema: jsonSchema(rencanaAksiBody) })
  createRencanaAksi(
    @Param('id', new ZodPipe(uuidParam)) skpId: string,
    @Body(new ZodPipe(rencanaAksiBody)) body: RencanaAksiBody,
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.targets.rencana-aksi.create', { skpId, ...body, target: body.target ?? '' }, { headers });
  }

  @Put('skps/:id/rencana-aksi/:itemId')
  @ApiOperation({ summary: 'Change a planned action' })
  @ApiBody({ schema: jsonSchema(rencanaAksiUpdateBody) })
  updateRencanaAksi(
    @Param('id', new ZodPipe(uuidParam)) skpId: string,
    @Param('itemId', new ZodPipe(uuidParam)) id: string,
    @Body(new ZodPipe(rencanaAksiUpdateBody)) body: RencanaAksiUpdateBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send(
      'rpc.targets.rencana-aksi.update',
      { skpId, id, text: body.text, target: body.target ?? '', ifMatch: ifMatch ?? '' },
      { headers },
    );
  }

  @Delete('skps/:id/rencana-aksi/:itemId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a planned action' })
  async deleteRencanaAksi(
    @Param('id', new ZodPipe(uuidParam)) skpId: string,
    @Param('itemId', new ZodPipe(uuidParam)) id: string,
    @Forwarded() headers: Record<string, string>,
  ): Promise<void> {
    await this.rpc.send('rpc.targets.rencana-aksi.delete', { skpId, id }, { headers });
  }
}
