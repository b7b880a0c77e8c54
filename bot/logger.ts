import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout. Message text is never logged at info level (it may hold secrets). */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'support-bot' } });
}
