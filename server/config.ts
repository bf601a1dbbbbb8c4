import { join } from 'node:path';
import { z } from 'zod';

/** A yes/no variable: true/false, 1/0, yes/no, on/off (any case). */
const booleanVariable = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'expected true or false' }))
  .transform((v) => v === 'true' || v === '1' || v === 'yes' || v === 'on');

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
  COMMANDS_PER_SECOND: z.coerce.number().positive().max(1000).default(8),
  COMMAND_BURST: z.coerce.number().int().min(1).max(10000).default(40),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(10),
  // No fixed default: 0 for a process alone, SHUTDOWN_DRAIN_DEFAULT_WITH_REDIS_S with REDIS_URL (see loadConfig).
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(3600).optional(),
  WARM_CORRIDORS: booleanVariable.default(true),
  TRUST_PROXY: booleanVariable.default(false),
  CREATE_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(20),
  CREATE_GLOBAL_PER_HOUR: z.coerce.number().int().min(1).max(10_000_000).default(500),
  JOIN_LOOKUPS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(300),
  JOIN_FREE_MISSES: z.coerce.number().int().min(0).max(1_000_000).default(20),
  MATCHMAKE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  RETENTION_ENDED_DAYS: z.coerce.number().positive().max(36500).default(90),
  RETENTION_IDLE_DAYS: z.coerce.number().positive().max(36500).default(30),
  RETENTION_UNUSED_HOURS: z.coerce.number().positive().max(876000).default(72),
  // No default: without it the embedded SQLite file under DATA_DIR is the store.
  DATABASE_URL: z
    .url({
      protocol: /^postgres(ql)?$/,
      error: 'expected a PostgreSQL URL such as postgresql://user:password@host:5432/deflect; leave it unset for the embedded SQLite store',
    })
    .optional(),
  // No default: without it the process is alone (in-memory presence, its own rooms only).
  REDIS_URL: z
    .url({
      protocol: /^rediss?$/,
      error: 'expected a Redis URL such as redis://localhost:6379 (or rediss:// for TLS); leave it unset to run one process alone',
    })
    .optional(),
  // No default: without it clients reach this process's rooms at the address they used for the API.
  PUBLIC_ADDRESS: z
    .string()
    .regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?(\/[\w.~-]+)*$/, {
      error: 'expected the host[:port][/path] clients reach this process at, without a scheme, such as localhost:2568 or play.example.org/p1',
    })
    .optional(),
  // No default: without a key nobody may upload scenarios to a running server.
  ADMIN_KEY: z
    .string()
    .min(16, { error: 'the admin key must be at least 16 characters long (e.g. `openssl rand -base64 24`); leave it unset to disable uploads' })
    .optional(),
  UPLOADED_SCENARIOS_DIR: z.string().min(1).optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  reconnectGraceSeconds: number;
  scenariosDir: string;
  clientDir: string;
  /** Commands one connection may send per second, sustained (token bucket refill rate). */
  commandsPerSecond: number;
  /** Commands one connection may send at once before the per-second rate applies. */
  commandBurst: number;
  /** How long graceful shutdown waits for rooms to close before giving up. */
  shutdownTimeoutSeconds: number;
  /** How long a shutdown keeps the rooms playing after /api/ready turns to draining, before it closes them (a load balancer's time to stop sending joins). */
  shutdownDrainSeconds: number;
  /** Walk every bundled scenario's risk corridor on the map right after start (20–80 ms each, in the background), so no table's first join waits for it. */
  warmCorridors: boolean;
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy you run). */
  trustProxy: boolean;
  /** Exercises one address may create per hour. */
  createPerHour: number;
  /** Exercises all addresses together may create per hour. */
  createGlobalPerHour: number;
  /** Join-code lookups one address may make per minute (misses also back off). */
  joinLookupsPerMinute: number;
  /** Wrong join codes one address may try before each further one doubles a wait. */
  joinFreeMisses: number;
  /** Colyseus matchmaker requests (`/matchmake/*`) one address may make per minute. */
  matchmakePerMinute: number;
  /** Ended exercises are deleted this many days after their last event. */
  retentionEndedDays: number;
  /** Open exercises with no event for this many days are deleted. */
  retentionIdleDays: number;
  /** Exercises nobody ever joined are deleted this many hours after creation. */
  retentionUnusedHours: number;
  /** The PostgreSQL database several processes share (`DATABASE_URL`); none means the embedded SQLite file under `dataDir`. */
  databaseUrl?: string;
  /** The Redis server several processes share rooms through (`REDIS_URL`); none means this process is alone. */
  redisUrl?: string;
  /** Where clients reach this process (`PUBLIC_ADDRESS`, host[:port][/path]): seat reservations for its rooms send them there. */
  publicAddress?: string;
  /** The key that uploads scenarios (X-Admin-Key); none means uploads are disabled. */
  adminKey?: string;
  /** Where uploaded scenarios are kept; `<dataDir>/scenarios` when absent (see `uploadedScenariosDir`). */
  uploadedScenariosDir?: string;
}

/** The folder uploaded scenarios go to: the configured one, else `scenarios/` under the data folder. */
export function uploadedScenariosDir(config: Pick<Config, 'dataDir' | 'uploadedScenariosDir'>): string {
  return config.uploadedScenariosDir ?? join(config.dataDir, 'scenarios');
}

/** The variables the server reads, for the README's configuration table. */
export const configVariables = Object.keys(envSchema.shape);

export class ConfigError extends Error {}

/** A URL from the configuration without its password, for logs and error messages. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * The drain pause when `SHUTDOWN_DRAIN_SECONDS` is unset and `REDIS_URL` is set, in seconds: long
 * enough for a load balancer polling /api/ready every few seconds to see `draining`, short enough
 * that the pause and the rooms' closing fit in `docker stop`'s 10 s. A process alone pauses 0 s:
 * there is no other process to send its clients to, so waiting would only delay the restart.
 */
export const SHUTDOWN_DRAIN_DEFAULT_WITH_REDIS_S = 5;

/**
 * The text with the password of every URL in it masked (`postgresql://deflect:***@host/db`),
 * for error messages and logs; a URL too malformed to parse still has what follows `user:` masked.
 */
export function maskSecrets(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)\S*@/gi, '$1***@');
}

/** A URL setting as an error message may show it: whatever stands between the user name and the last `@` (the password) is masked, however malformed the URL. */
function maskUrlPassword(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0) return value;
  const userStart = value.indexOf('://') + 3; // 2 when there is no scheme: the user name starts the text
  const colon = value.indexOf(':', userStart);
  return colon >= 0 && colon < at ? `${value.slice(0, colon + 1)}***${value.slice(at)}` : value;
}

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
      // Never echo a secret: the admin key is shown by its length, a URL with its password masked.
      const value = env[key] ?? '';
      const shown = key === 'ADMIN_KEY' ? `(${value.length} characters, not shown)` : JSON.stringify(key.endsWith('_URL') ? maskUrlPassword(value) : value);
      return `  ${key}=${shown}: ${i.message}`;
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
    commandsPerSecond: c.COMMANDS_PER_SECOND,
    commandBurst: c.COMMAND_BURST,
    shutdownTimeoutSeconds: c.SHUTDOWN_TIMEOUT_SECONDS,
    shutdownDrainSeconds: c.SHUTDOWN_DRAIN_SECONDS ?? (c.REDIS_URL !== undefined ? SHUTDOWN_DRAIN_DEFAULT_WITH_REDIS_S : 0),
    warmCorridors: c.WARM_CORRIDORS,
    trustProxy: c.TRUST_PROXY,
    createPerHour: c.CREATE_PER_HOUR,
    createGlobalPerHour: c.CREATE_GLOBAL_PER_HOUR,
    joinLookupsPerMinute: c.JOIN_LOOKUPS_PER_MINUTE,
    joinFreeMisses: c.JOIN_FREE_MISSES,
    matchmakePerMinute: c.MATCHMAKE_PER_MINUTE,
    retentionEndedDays: c.RETENTION_ENDED_DAYS,
    retentionIdleDays: c.RETENTION_IDLE_DAYS,
    retentionUnusedHours: c.RETENTION_UNUSED_HOURS,
    ...(c.DATABASE_URL !== undefined ? { databaseUrl: c.DATABASE_URL } : {}),
    ...(c.REDIS_URL !== undefined ? { redisUrl: c.REDIS_URL } : {}),
    ...(c.PUBLIC_ADDRESS !== undefined ? { publicAddress: c.PUBLIC_ADDRESS } : {}),
    ...(c.ADMIN_KEY !== undefined ? { adminKey: c.ADMIN_KEY } : {}),
    ...(c.UPLOADED_SCENARIOS_DIR !== undefined ? { uploadedScenariosDir: c.UPLOADED_SCENARIOS_DIR } : {}),
  };
}
