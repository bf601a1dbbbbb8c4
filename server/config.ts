import { z } from 'zod';

/**
 * Every setting the server reads from the environment, with its default. Parsed once at
 * start-up; a bad value stops the server with a message naming the variable.
 */
const envSchema = z.strictObject({
  PORT: z.coerce.number().int().min(0).max(65535).default(2567),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RECONNECT_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  SCENARIOS_DIR: z.string().min(1).default('./scenarios'),
  CLIENT_DIR: z.string().min(1).default('./dist/client'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  reconnectGraceSeconds: number;
  scenariosDir: string;
  clientDir: string;
}

/** The variables the server reads, for the README's configuration table. */
export const configVariables = Object.keys(envSchema.shape);

export class ConfigError extends Error {}

/** Reads the configuration from an environment (process.env by default); throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string> = {};
  for (const key of configVariables) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const result = envSchema.safeParse(picked);
  if (!result.success) {
    const lines = result.error.issues.map((i) => {
      const key = String(i.path[0]);
      return `  ${key}=${JSON.stringify(env[key])}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = result.data;
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: c.DATA_DIR,
    logLevel: c.LOG_LEVEL,
    reconnectGraceSeconds: c.RECONNECT_GRACE_SECONDS,
    scenariosDir: c.SCENARIOS_DIR,
    clientDir: c.CLIENT_DIR,
  };
}
