import { trace } from '@opentelemetry/api';
import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

// Secrets never reach the logs (ARCHITECTURE.md "Identity and security").
const redactPaths = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'password',
  '*.password',
  'token',
  '*.token',
  'access_token',
  'client_secret',
  '*.client_secret',
];

/** pino JSON logger; every line carries the active trace and span ids. */
export function createLogger(service: string, options: LoggerOptions = {}): Logger {
  return pino({
    name: service,
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths, censor: '[redacted]' },
    mixin() {
      const span = trace.getActiveSpan();
      if (!span) return {};
      const { traceId, spanId } = span.spanContext();
      return { trace_id: traceId, span_id: spanId };
    },
    ...options,
  });
}

type NestLevel = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
const pinoLevel = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'trace',
  fatal: 'fatal',
} as const;

/** Routes NestJS's own log lines into the process's pino logger (implements Nest's LoggerService). */
export function nestLogger(logger: Logger): Record<NestLevel, (message: unknown, ...rest: unknown[]) => void> {
  const at =
    (level: NestLevel) =>
    (message: unknown, ...rest: unknown[]) => {
      const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
      const text =
        message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message);
      logger[pinoLevel[level]]({ context }, text);
    };
  return {
    log: at('log'),
    error: at('error'),
    warn: at('warn'),
    debug: at('debug'),
    verbose: at('verbose'),
    fatal: at('fatal'),
  };
}
