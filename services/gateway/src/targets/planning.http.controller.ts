import { Body, Controller, Get, Headers, Inject, Param, Patch, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Forwarded, Roles } from '../http/auth.js';
import { jsonSchema, problemSchema } from '../http/openapi.js';
import { ZodPipe } from '../http/zod.pipe.js';
import { RPC_CLIENT, type RpcPort } from '../rpc.js';
import { withEtag } from './etag.js';
import {
  agreementBody,
  orgRatingBody,
  orgRatingsQuery,
  updatePeriodBody,
  uuidParam,
  yearParam,
  type AgreementBody,
  type OrgRatingBody,
} from './targets.schemas.js';

const problem = { content: { 'application/problem+json': { schema: problemSchema } } };
type Versioned<K extends string> = Partial<Record<K, { version?: string }>>;

// Periods (R7), the perjanjian kinerja (R9) and organisation ratings (R26). Every tenant account may call these;
// the targets service decides who may do what (performance manager, unit heads, regional head).
@ApiTags('targets: planning')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid token', ...problem })
@ApiResponse({ status: 403, description: 'Not allowed', ...problem })
@Roles('employee', 'performance-manager', 'tenant-admin', 'regional-head')
@Controller()
export class PlanningHttpController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcPort) {}

  @Get('years/:year/periods')
  @ApiOperation({ summary: "The periods of a performance year, generated from the tenant's cadence (R7)" })
  listPeriods(
    @Param('year', new ZodPipe(yearParam)) year: number,
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.targets.period.list', { year }, { headers });
  }

  @Patch('periods/:id')
  @ApiOperation({ summary: "Move a period's input deadline before it opens (performance manager)" })
  @ApiBody({ schema: jsonSchema(updatePeriodBody) })
  @ApiResponse({ status: 409, description: 'The period has opened', ...problem })
  @ApiResponse({ status: 412, description: 'Stale If-Match', ...problem })
  async updatePeriod(
    @Param('id', new ZodPipe(uuidParam)) id: string,
    @Body(new ZodPipe(updatePeriodBody)) body: { inputDeadline: string },
    @Headers('if-match') ifMatch: string | undefined,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const updated = await this.rpc.send<Versioned<'period'>>(
      'rpc.targets.period.update',
      { id, inputDeadline: body.inputDeadline, ifMatch: ifMatch ?? '' },
      { headers },
    );
    return withEtag(reply, updated, (b) => b.period);
  }

  @Get('years/:year/performance-agreement')
  @ApiOperation({ summary: 'The perjanjian kinerja of a year (R9)' })
  async getAgreement(
    @Param('year', new ZodPipe(yearParam)) year: number,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const found = await this.rpc.send<Versioned<'agreement'>>('rpc.targets.agreement.get', { year }, { headers });
    return withEtag(reply, found, (b) => b.agreement);
  }

  @Put('years/:year/performance-agreement')
  @ApiOperation({ summary: 'Set the perjanjian kinerja of a year (performance manager, regional head)' })
  @ApiBody({ schema: jsonSchema(agreementBody) })
  async putAgreement(
    @Param('year', new ZodPipe(yearParam)) year: number,
    @Body(new ZodPipe(agreementBody)) body: AgreementBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Forwarded() headers: Record<string, string>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const saved = await this.rpc.send<Versioned<'agreement'>>(
      'rpc.targets.agreement.put',
      { year, results: body.results, ifMatch: ifMatch ?? '' },
      { headers },
    );
    return withEtag(reply, saved, (b) => b.agreement);
  }

  @Put('units/:unitId/org-ratings/:periodId')
  @ApiOperation({ summary: "Set a unit's organisation rating for a period (head of the parent unit; R26)" })
  @ApiBody({ schema: jsonSchema(orgRatingBody) })
  setOrgRating(
    @Param('unitId', new ZodPipe(uuidParam)) unitId: string,
    @Param('periodId', new ZodPipe(uuidParam)) periodId: string,
    @Body(new ZodPipe(orgRatingBody)) body: OrgRatingBody,
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.targets.org-rating.set', { unitId, periodId, ...body }, { headers });
  }

  @Get('units/:unitId/org-ratings')
  @ApiOperation({ summary: "A unit's organisation ratings (R26)" })
  listOrgRatings(
    @Param('unitId', new ZodPipe(uuidParam)) unitId: string,
    @Query(new ZodPipe(orgRatingsQuery)) query: { year?: number },
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.targets.org-rating.list', { unitId, year: query.year ?? 0 }, { headers });
  }
}
