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
    });
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

  it('ignores variables it does not know and treats empty ones as unset', () => {
    expect(loadConfig({ PORT: '', HOME: '/root' }).port).toBe(2567);
  });
});
