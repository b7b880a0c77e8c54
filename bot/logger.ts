import { pino, type Logger } from 'pino';

export type { Logger };

type Destination = ReturnType<typeof pino.destination>;
let stdout: Destination | null = null;

/**
 * JSON logs on stdout. Message text is never logged at info level (it may hold secrets).
 *
 * Written asynchronously: every turn logs a line, and a synchronous write to a file on a slow
 * disk held the turn, and the ones queued behind it, for a millisecond or more. What is still
 * buffered is written synchronously when the process exits for any reason (`process.exit` after
 * a start-up failure, SIGTERM, an uncaught exception), so no line is lost. Every logger of the
 * process shares the one stdout destination.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'support-bot' } }, stdoutDestination());
}

function stdoutDestination(): Destination {
  if (stdout === null) {
    const destination = pino.destination({ dest: 1, sync: false });
    process.once('exit', () => destination.flushSync());
    stdout = destination;
  }
  return stdout;
}
