import { describe, expect, it } from 'vitest';
import { colyseusLogger } from '../../server/cluster.js';
import type { Logger } from '../../server/log.js';

// What Colyseus says goes into the server's log at the level it deserves for Deflect.

function recorder() {
  const lines: { level: string; msg: string }[] = [];
  const at = (level: string) => (_fields: unknown, msg: string) => lines.push({ level, msg });
  const log = { debug: at('debug'), trace: at('trace'), info: at('info'), warn: at('warn'), error: at('error') } as unknown as Logger;
  return { lines, logger: colyseusLogger(log) };
}

describe('Colyseus’s messages in the server’s log', () => {
  it('logs a room created here because another process was too slow to answer as a warning, on one line', () => {
    const { lines, logger } = recorder();
    // As Colyseus 0.16 passes it (MatchMaker.createRoom → debugAndPrintError): a string.
    logger.error('ipc_timeout: create room request timed out for exercise on processId 7dFk2.');
    expect(lines).toEqual([{ level: 'warn', msg: 'ipc_timeout: create room request timed out for exercise on processId 7dFk2. (the room was created on this process instead)' }]);
  });

  it('keeps every other error an error, whole', () => {
    const { lines, logger } = recorder();
    logger.error(new Error('onCreate failed'));
    logger.error('ipc_timeout while reserving a seat');
    logger.warn('a warning');
    expect(lines).toEqual([
      { level: 'error', msg: 'onCreate failed' },
      { level: 'error', msg: 'ipc_timeout while reserving a seat' },
      { level: 'warn', msg: 'a warning' },
    ]);
  });
});
