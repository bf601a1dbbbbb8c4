import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/** The server's structured logger (JSON lines on stdout). */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level, base: { service: 'deflect' } });
}

/**
 * Caps the log lines one source (a connection, an address) can cause: `perMinute` lines, then
 * silence until the minute is over, when one line says how many were left out. A client that
 * misbehaves on purpose cannot fill the disk or drown what matters.
 */
export class LogBudget {
  private readonly sources = new Map<string, { windowStartMs: number; lines: number; suppressed: number }>();

  constructor(
    private readonly log: Logger,
    private readonly perMinute = 10,
    /** The most sources remembered at once; the oldest are forgotten first. */
    private readonly maxSources = 10_000,
  ) {}

  /** Logs a warning on behalf of `source`, unless that source has used up its lines this minute. */
  warn(source: string, fields: Record<string, unknown>, message: string, nowMs = Date.now()): void {
    let entry = this.sources.get(source);
    if (entry && nowMs - entry.windowStartMs >= 60_000) {
      if (entry.suppressed > 0) this.log.warn({ ...fields, source, suppressed: entry.suppressed }, `${entry.suppressed} more log lines from this source were left out`);
      this.sources.delete(source);
      entry = undefined;
    }
    if (!entry) {
      if (this.sources.size >= this.maxSources) this.sources.delete(this.sources.keys().next().value!);
      entry = { windowStartMs: nowMs, lines: 0, suppressed: 0 };
      this.sources.set(source, entry);
    }
    if (entry.lines >= this.perMinute) {
      entry.suppressed++;
      return;
    }
    entry.lines++;
    this.log.warn({ ...fields, source }, message);
  }
}
