import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { identityV1, toRpcJson } from '@kinerja/contracts';
import { RpcAuthGuard, RpcPrincipal, type Principal } from '@kinerja/platform/auth';
import { decodePayload } from '../rpc-payload.js';
import { ReadImportsHandler } from './read-imports.handler.js';
import { StartImportHandler } from './start-import.handler.js';

@Controller()
@UseGuards(RpcAuthGuard)
export class ImportsRpcController {
  constructor(
    private readonly startImport: StartImportHandler,
    private readonly readImports: ReadImportsHandler,
  ) {}

  @MessagePattern('rpc.identity.import.start')
  async start(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const job = await this.startImport.execute(principal, decodePayload(identityV1.StartImportRequestSchema, payload));
    return toRpcJson(identityV1.StartImportResponseSchema, { job });
  }

  @MessagePattern('rpc.identity.import.get')
  async get(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.GetImportRequestSchema, payload);
    return toRpcJson(identityV1.GetImportResponseSchema, await this.readImports.get(principal, request));
  }

  @MessagePattern('rpc.identity.import.list')
  async list(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(identityV1.ListImportsRequestSchema, payload);
    return toRpcJson(identityV1.ListImportsResponseSchema, await this.readImports.list(principal, request));
  }
}
