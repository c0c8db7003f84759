import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Forwarded, Roles } from '../http/auth.js';
import { ApiQueryOf, problem } from '../http/openapi.js';
import { ZodPipe } from '../http/zod.pipe.js';
import { RPC_CLIENT, type RpcPort } from '../rpc.js';
import { auditQuery, dateQuery } from './identity.schemas.js';

@ApiTags('reports')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid token', ...problem })
@ApiResponse({ status: 403, description: 'Role does not allow it', ...problem })
@Controller()
export class ReportsHttpController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcPort) {}

  @Get('reports/employees-without-rater')
  @Roles('tenant-admin', 'performance-manager')
  @ApiOperation({ summary: 'Active employees whose rater cannot be resolved on a date, with the reason (R3, R5)' })
  @ApiQueryOf(dateQuery)
  employeesWithoutRater(
    @Query(new ZodPipe(dateQuery)) query: { date?: string },
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.identity.report.employees-without-rater', query, { headers });
  }

  @Get('reports/units-without-head')
  @Roles('tenant-admin', 'performance-manager')
  @ApiOperation({ summary: 'Active units without a definitive head on a date, with the acting head if any (R5)' })
  @ApiQueryOf(dateQuery)
  unitsWithoutHead(
    @Query(new ZodPipe(dateQuery)) query: { date?: string },
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.identity.report.units-without-head', query, { headers });
  }

  @Get('reports/overlapping-acting')
  @Roles('tenant-admin', 'performance-manager')
  @ApiOperation({ summary: 'Acting appointments that overlap: in one unit, or of one employee in two units' })
  overlappingActing(@Forwarded() headers: Record<string, string>): Promise<unknown> {
    return this.rpc.send('rpc.identity.report.overlapping-acting', {}, { headers });
  }

  @Get('audit')
  @Roles('tenant-admin')
  @ApiOperation({ summary: 'The audit (R42): who changed what, old and new, newest first' })
  @ApiQueryOf(auditQuery)
  audit(
    @Query(new ZodPipe(auditQuery)) query: ReturnType<typeof auditQuery.parse>,
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    const { cursor, limit, ...filters } = query;
    return this.rpc.send('rpc.identity.audit.list', { ...filters, page: { cursor, limit } }, { headers });
  }
}
