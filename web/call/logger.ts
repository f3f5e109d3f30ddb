/**
 * The engine logs every state transition at debug level. Never pass SDP, ICE candidates, display
 * names, chat texts or file names to a logger: ids, states and error names only.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Browser console logger with a prefix and a minimum level (debug shows every transition). */
export function consoleLogger(prefix = 'call', minimum: LogLevel = 'info', sink: Pick<Console, LogLevel> = console): Logger {
  const make =
    (level: LogLevel) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (order[level] < order[minimum]) return;
      if (fields) sink[level](`[${prefix}] ${message}`, fields);
      else sink[level](`[${prefix}] ${message}`);
    };
  return { debug: make('debug'), info: make('info'), warn: make('warn'), error: make('error') };
}

/** A child logger that adds fixed fields (e.g. the remote participant id) to every line. */
export function withFields(logger: Logger, fields: Record<string, unknown>): Logger {
  return {
    debug: (message, extra) => logger.debug(message, { ...fields, ...extra }),
    info: (message, extra) => logger.info(message, { ...fields, ...extra }),
    warn: (message, extra) => logger.warn(message, { ...fields, ...extra }),
    error: (message, extra) => logger.error(message, { ...fields, ...extra }),
  };
}

/** Error name only (DOMException names are stable and contain no personal data). */
export function errorName(error: unknown): string {
  if (error && typeof error === 'object' && 'name' in error && typeof error.name === 'string') return error.name;
  return typeof error;
}
