import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('server configuration from the environment', () => {
  it('uses the embedded defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      port: 2567,
      host: '0.0.0.0',
      dataDir: './data',
      logLevel: 'info',
      reconnectGraceSeconds: 60,
      scenariosDir: './scenarios',
      clientDir: './dist/client',
      commandsPerSecond: 8,
      commandBurst: 40,
      shutdownTimeoutSeconds: 10,
      shutdownDrainSeconds: 0,
      trustProxy: false,
      warmCorridors: true,
      createPerHour: 20,
      createGlobalPerHour: 500,
      joinLookupsPerMinute: 300,
      joinFreeMisses: 20,
      matchmakePerMinute: 600,
      retentionEndedDays: 90,
      retentionIdleDays: 30,
      retentionUnusedHours: 72,
    });
  });

  it('reads the limits, retention and proxy knobs', () => {
    const c = loadConfig({
      COMMANDS_PER_SECOND: '4',
      COMMAND_BURST: '10',
      SHUTDOWN_TIMEOUT_SECONDS: '3',
      TRUST_PROXY: 'Yes',
      CREATE_PER_HOUR: '5',
      RETENTION_ENDED_DAYS: '7',
      RETENTION_UNUSED_HOURS: '1',
    });
    expect(c).toMatchObject({
      commandsPerSecond: 4,
      commandBurst: 10,
      shutdownTimeoutSeconds: 3,
      trustProxy: true,
      createPerHour: 5,
      retentionEndedDays: 7,
      retentionUnusedHours: 1,
    });
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });

  it('pauses a shutdown for a load balancer only when there are other processes, unless told', () => {
    expect(loadConfig({}).shutdownDrainSeconds).toBe(0);
    expect(loadConfig({ REDIS_URL: 'redis://localhost:6379' }).shutdownDrainSeconds).toBe(5);
    expect(loadConfig({ REDIS_URL: 'redis://localhost:6379', SHUTDOWN_DRAIN_SECONDS: '0' }).shutdownDrainSeconds).toBe(0);
    expect(loadConfig({ SHUTDOWN_DRAIN_SECONDS: '2.5' }).shutdownDrainSeconds).toBe(2.5);
    expect(() => loadConfig({ SHUTDOWN_DRAIN_SECONDS: '-1' })).toThrow(/SHUTDOWN_DRAIN_SECONDS="-1"/);
  });

  it('refuses a yes/no variable that is neither', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY="maybe": expected true or false/);
    expect(() => loadConfig({ COMMANDS_PER_SECOND: '0' })).toThrow(/COMMANDS_PER_SECOND="0"/);
  });

  it('reads each variable it knows', () => {
    const c = loadConfig({ PORT: '8080', DATA_DIR: '/srv/deflect', LOG_LEVEL: 'debug', RECONNECT_GRACE_SECONDS: '30' });
    expect(c).toMatchObject({ port: 8080, dataDir: '/srv/deflect', logLevel: 'debug', reconnectGraceSeconds: 30 });
  });

  it('fails fast naming every bad variable, its value and what is wrong', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT="eighty": .*number/);
    expect(message).toMatch(/LOG_LEVEL="loud": .*(info|expected one of)/);
  });

  it('takes DATABASE_URL only as a PostgreSQL URL, and leaves the store embedded without it', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://deflect:secret@db:5432/deflect' }).databaseUrl).toBe('postgresql://deflect:secret@db:5432/deflect');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/deflect' }).databaseUrl).toBe('postgres://db/deflect');
    expect(loadConfig({ DATABASE_URL: '' })).not.toHaveProperty('databaseUrl');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/deflect' })).toThrow(/DATABASE_URL="mysql:\/\/db\/deflect": expected a PostgreSQL URL/);
    expect(() => loadConfig({ DATABASE_URL: 'db:5432' })).toThrow(/DATABASE_URL=.*expected a PostgreSQL URL/);
  });

  it('ignores variables it does not know and treats empty ones as unset', () => {
    expect(loadConfig({ PORT: '', HOME: '/root' }).port).toBe(2567);
  });
});
