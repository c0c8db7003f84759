import { Body, Controller, Get, Inject, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Forwarded, Roles } from '../http/auth.js';
import { ApiQueryOf, jsonSchema, problem } from '../http/openapi.js';
import { ZodPipe } from '../http/zod.pipe.js';
import { RPC_CLIENT, type RpcPort } from '../rpc.js';
import { settingsQuery, updateSettingsBody, type UpdateSettingsBody } from './identity.schemas.js';

@ApiTags('settings')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'Missing or invalid token', ...problem })
@ApiResponse({ status: 403, description: 'Role does not allow it', ...problem })
@Controller('settings')
export class SettingsHttpController {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcPort) {}

  @Get()
  @Roles('tenant-admin', 'performance-manager')
  @ApiOperation({
    summary: "The tenant's settings in force on a date (R30), every version, and the module rollout",
  })
  @ApiQueryOf(settingsQuery)
  get(
    @Query(new ZodPipe(settingsQuery)) query: { date?: string },
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.identity.settings.get', { date: query.date ?? '' }, { headers });
  }

  @Put()
  @Roles('tenant-admin', 'performance-manager')
  @ApiOperation({
    summary: 'Save the settings version taking effect on a date (today or later) with its module rollout',
    description: 'A version for the same date is replaced. The change is audited (R42) and published.',
  })
  @ApiBody({ schema: jsonSchema(updateSettingsBody) })
  @ApiResponse({ status: 400, description: 'Invalid settings, a past date, a bad rollout', ...problem })
  @ApiResponse({ status: 404, description: 'A rollout unit that does not exist', ...problem })
  put(
    @Body(new ZodPipe(updateSettingsBody)) body: UpdateSettingsBody,
    @Forwarded() headers: Record<string, string>,
  ): Promise<unknown> {
    return this.rpc.send('rpc.identity.settings.update', body, { headers });
  }
}
