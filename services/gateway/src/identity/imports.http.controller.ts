import { Controller, Get, HttpCode, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { ObjectStore } from '@nats-io/obj';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uploadName } from '@kinerja/platform/rpc';
import { Forwarded, Roles, type AuthenticatedRequest } from '../http/auth.js';
import { ApiQueryOf, problem } from '../http/openapi.js';
import { ProblemException } from '../http/problem.js';
import { ZodPipe } from '../http/zod.pipe.js';
import { RPC_CLIENT, type RpcPort } from '../rpc.js';
import { importKindParam, importQuery, listImportsQuery, startImportQuery, uuidParam } from './identity.schemas.js';
import { IdempotentPost } from '../http/idempotency.js';

export const UPLOADS = Symbol('UPLOADS');
export const IMPORT_LIMITS = Symbol('IMPORT_LIMITS');
export type ImportLimits = { maxBytes: number; startTimeoutMs: number };

type JobReply = { job: { id: string } };
type MultipartFile = { fieldname: string; filename: string; toBuffer(): Promise<Buffer> };
type MultipartRequest = FastifyRequest & {
  isMultipart?: () => boolean;
  file?: (options: { limits: Record<string, number> }) => Promise<MultipartFile | undefined>;
};

// Multipart errors of @fastify/multipart and busboy: a client's malformed upload, never a server fault.
const tooLarge = new Set(['FST_REQ_FILE_TOO_LARGE']);

@ApiTags('imports')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid token', ...problem })
@ApiResponse({ status: 403, description: 'Role does not allow it', ...problem })
@Controller()
export class ImportsHttpController {
  constructor(
    @Inject(RPC_CLIENT) private readonly rpc: RpcPort,
    @Inject(UPLOADS) private readonly uploads: Promise<ObjectStore>,
    @Inject(IMPORT_LIMITS) private readonly limits: ImportLimits,
  ) {}

  @IdempotentPost('imports/:kind')
  @HttpCode(202)
  @Roles('tenant-admin')
  @ApiOperation({
    summary: 'Import units or employees from a CSV or XLSX file in the SIASN layout (a job)',
    description:
      'multipart/form-data with one part `file`. Every row is checked first; with mode ALL_OR_NOTHING (default) ' +
      'nothing is written when any row is invalid, with VALID_ROWS_ONLY the valid rows are. Re-importing the same ' +
      'file changes nothing. Read the job at the Location for its status, counts, progress and report. An XLSX for ' +
      '`employees` may hold a UNOR sheet as well: both are imported, units first. Columns: services/identity/README.md.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiQueryOf(startImportQuery)
  @ApiResponse({ status: 202, description: 'Accepted: the job, also at Location' })
  @ApiResponse({ status: 400, description: 'Malformed upload, empty file, or required columns missing', ...problem })
  @ApiResponse({ status: 409, description: 'Another import of the tenant is running', ...problem })
  @ApiResponse({ status: 413, description: 'Larger than the size or row limit', ...problem })
  @ApiResponse({ status: 415, description: 'Not multipart, or the file is not CSV/XLSX by content', ...problem })
  async start(
    @Param('kind', new ZodPipe(importKindParam)) kind: 'units' | 'employees',
    @Query(new ZodPipe(startImportQuery)) query: ReturnType<typeof startImportQuery.parse>,
    @Req() request: AuthenticatedRequest,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const tenantId = request.principal?.tenantId;
    if (!tenantId) throw new ProblemException('FORBIDDEN', 'Your roles do not allow this action.');
    const { fileName, bytes } = await this.readUpload(request as MultipartRequest);
    const name = uploadName(tenantId);
    await (await this.uploads).putBlob({ name }, bytes);
    const started = await this.rpc.send<JobReply>(
      'rpc.identity.import.start',
      {
        kind: kind === 'units' ? 'UNITS' : 'EMPLOYEES',
        uploadName: name,
        fileName,
        mode: query.mode,
        dryRun: query.dryRun ?? false,
      },
      { headers, timeoutMs: this.limits.startTimeoutMs },
    );
    void reply.header('location', `/api/v1/imports/${started.job.id}`);
    return started;
  }

  @Get('imports/:id')
  @Roles('tenant-admin')
  @ApiOperation({ summary: 'An import job: status, counts, progress and a page of its report (every bad row)' })
  @ApiQueryOf(importQuery)
  @ApiResponse({ status: 404, description: 'No such import in your tenant', ...problem })
  get(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Query(new ZodPipe(importQuery)) query: ReturnType<typeof importQuery.parse>,
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.identity.import.get', { id, page: query }, { headers });
  }

  @Get('imports')
  @Roles('tenant-admin')
  @ApiOperation({ summary: "The tenant's imports, newest first" })
  @ApiQueryOf(listImportsQuery)
  list(
    @Query(new ZodPipe(listImportsQuery)) query: ReturnType<typeof listImportsQuery.parse>,
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.identity.import.list', { page: query }, { headers });
  }

  /** The one file part, within the size limit; anything else is a 4xx with its own code. */
  private async readUpload(request: MultipartRequest): Promise<{ fileName: string; bytes: Uint8Array }> {
    if (!request.isMultipart?.() || !request.file)
      throw new ProblemException(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the file as multipart/form-data, in a part named file.',
      );
    let file: MultipartFile | undefined;
    let bytes: Buffer;
    try {
      file = await request.file({
        limits: { fileSize: this.limits.maxBytes, files: 1, fields: 10, parts: 12, headerPairs: 100 },
      });
      if (!file || file.fieldname !== 'file')
        throw new ProblemException('MALFORMED_UPLOAD', 'The upload has no part named file.', [
          { field: 'file', code: 'REQUIRED', message: 'Wajib diisi.' },
        ]);
      bytes = await file.toBuffer();
    } catch (error) {
      if (error instanceof ProblemException) throw error;
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && tooLarge.has(code))
        throw new ProblemException('PAYLOAD_TOO_LARGE', `The file is larger than ${this.limits.maxBytes} bytes.`, [
          { field: 'file', code: 'TOO_LARGE', message: `Paling besar ${this.limits.maxBytes} byte.` },
        ]);
      throw new ProblemException('MALFORMED_UPLOAD', 'The multipart body is malformed or incomplete.');
    }
    const fileName = (file.filename || 'impor').replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(0, 255);
    return { fileName, bytes };
  }
}
