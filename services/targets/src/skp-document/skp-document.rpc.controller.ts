import { Controller, UseGuards } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { targetsV1, toRpcJson } from '@kinerja/contracts';
import { RpcAuthGuard, RpcPrincipal, type Principal } from '@kinerja/platform/auth';
import { decodePayload, requireUuids } from '../targets-error.js';
import { SkpDocumentHandler } from './skp-document.handler.js';

@Controller()
@UseGuards(RpcAuthGuard)
export class SkpDocumentRpcController {
  constructor(private readonly documents: SkpDocumentHandler) {}

  // Decision 0012: the PDF comes back in the reply (proto3 JSON carries bytes as base64).
  @MessagePattern('rpc.targets.skp.document')
  async document(@RpcPrincipal() principal: Principal, @Payload() payload: unknown): Promise<unknown> {
    const request = decodePayload(targetsV1.GetSkpDocumentRequestSchema, payload);
    requireUuids({ id: request.id });
    const document = await this.documents.render(principal, request);
    return toRpcJson(targetsV1.GetSkpDocumentResponseSchema, {
      contentType: 'application/pdf',
      filename: document.filename,
      content: document.content,
      pages: document.pages,
      versionNumber: document.versionNumber,
    });
  }
}
