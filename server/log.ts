import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/** The server's structured logger (JSON lines on stdout). */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level, base: { service: 'deflect' } });
}
