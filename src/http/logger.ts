import pino, { type Logger } from 'pino';

/** JSON lines on stdout; secrets in headers never reach the log. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'pv-lineage' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password'], censor: '[redacted]' },
  });
}
