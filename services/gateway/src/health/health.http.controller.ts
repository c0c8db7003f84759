import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NatsConnection } from '@nats-io/transport-node';
import { Public } from '../http/auth.js';
import { ProblemException } from '../http/problem.js';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

// Kubernetes probes: live while the process serves; ready while NATS is connected (every route needs it).
@ApiExcludeController()
@Public()
@Controller('health')
export class HealthHttpController {
  constructor(@Inject(NATS_CONNECTION) private readonly nats: NatsConnection) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  ready(): { status: 'ok'; nats: 'connected' } {
    if (this.nats.isClosed() || this.nats.isDraining())
      throw new ProblemException('UNAVAILABLE', 'NATS is not connected.');
    return { status: 'ok', nats: 'connected' };
  }
}
