import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { identityV1, toRpcJson } from '@kinerja/contracts';
import { RpcAuthGuard, RpcPrincipal, type Principal } from '@kinerja/platform/auth';
import { decodePayload } from '../rpc-payload.js';
import { GetSettingsHandler } from './get-settings.handler.js';
import { UpdateSettingsHandler } from './update-settings.handler.js';

@Controller()
@UseGuards(RpcAuthGuard)
export class SettingsRpcController {
  constructor(
    private readonly getSettings: GetSettingsHandler,
    private readonly updateSettings: UpdateSettingsHandler,
  ) {}

  @MessagePattern('rpc.identity.settings.get')
  async get(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.GetSettingsRequestSchema, payload);
    return toRpcJson(identityV1.GetSettingsResponseSchema, await this.getSettings.execute(principal, request));
  }

  @MessagePattern('rpc.identity.settings.update')
  async update(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.UpdateSettingsRequestSchema, payload);
    return toRpcJson(identityV1.UpdateSettingsResponseSchema, await this.updateSettings.execute(principal, request));
  }
}
