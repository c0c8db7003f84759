import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import { throwError, type Observable } from 'rxjs';
import { ServiceError, type RpcErrorBody } from '../errors/index.js';
import { createLogger, type Logger } from '../logging/index.js';
import { JetStreamContext } from './jetstream.server.js';

// Errors travel as typed codes, never as stack traces (ARCHITECTURE.md "Contracts"). Register it globally on
// the microservice: `app.useGlobalFilters(new RpcErrorFilter(logger))`.

const internal: RpcErrorBody = { code: 'INTERNAL', message: 'Internal error' };

@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: Logger = createLogger('rpc')) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    const rpc = host.getType() === 'rpc' ? host.switchToRpc().getContext<unknown>() : undefined;
    // An event handler's error goes back, untouched, to the consumer that retries or dead-letters it.
    if (rpc instanceof JetStreamContext) return throwError(() => exception);
    if (exception instanceof ServiceError) return throwError(() => exception.toBody());
    this.logger.error(
      { err: exception, subject: rpc instanceof NatsContext ? rpc.getSubject() : undefined },
      'rpc handler failed',
    );
    return throwError(() => ({ ...internal }));
  }
}
