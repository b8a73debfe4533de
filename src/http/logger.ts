import pino, { type DestinationStream, type Logger } from 'pino';
import PinoPretty from 'pino-pretty';

export type LogFormat = 'json' | 'pretty';

/**
 * Readable lines for a person at a terminal (`npm run demo`); JSON lines everywhere else, so
 * collectors never see colour codes. `LOG_FORMAT` overrides the guess either way.
 */
export function logFormatFor(requested: string | undefined, stdoutIsTty: boolean): LogFormat {
  if (requested === 'json' || requested === 'pretty') return requested;
  return stdoutIsTty ? 'pretty' : 'json';
}

/** Secrets in headers never reach the log; query strings are redacted by the request serializer (logRedaction.ts). */
export function createLogger(level: string, format: LogFormat = 'json', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'pv-lineage' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password'], censor: '[redacted]' },
  };
  if (format === 'json') return destination ? pino(options, destination) : pino(options);
  // In-process and synchronous, so a line is on the terminal before the process can exit.
  const pretty = PinoPretty({ sync: true, colorize: !destination && PinoPretty.isColorSupported, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service', destination: destination ?? 1 });
  return pino(options, pretty);
}
