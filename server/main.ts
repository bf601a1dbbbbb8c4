import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { Server, matchMaker } from '@colyseus/core';
import { SpreadHeartbeatTransport } from './heartbeat.js';
import { ConfigError, loadConfig, redactedUrl, type Config } from './config.js';
import { guardRequests } from './guard.js';
import { clusterSetup } from './cluster.js';
import { createHttpApp } from './http.js';
import { memoryLimits } from './limits.js';
import { createLogger } from './log.js';
import { Lifecycle, presenceReadinessCheck, type ReadinessCheck } from './ops.js';
import { ExerciseRoom, type ExerciseRoomOptions, type RoomServices } from './room.js';
import { retentionPolicy, startJanitor } from './retention.js';
import { RoomKeeper } from './room-keeper.js';
import { loadScenarioCatalog } from './scenarios.js';
import { loadWorldData, warmCorridors } from './geo/world.js';
import { openEventStore, storeKind } from './store/open.js';
import { EXERCISE_ROOM, MAX_FRAME_BYTES } from '../shared/protocol.js';

/** How long a starting process waits for Redis to answer before it gives up. */
const REDIS_START_TIMEOUT_MS = 5_000;

export interface RunningServer {
  port: number;
  url: string;
  /** Shuts down gracefully: drains, pauses `shutdownDrainSeconds` with the rooms still playing, then closes them with 1012. */
  close(): Promise<void>;
  /** Cuts the drain pause of a shutdown under way short (a second SIGTERM or SIGINT): the rooms close now. */
  endDrainPause(): void;
}

/**
 * Starts Deflect on one port: the HTTP API, the built client and the Colyseus rooms,
 * with the event store `DATABASE_URL` selects (PostgreSQL) or the SQLite file under the data folder.
 */
export async function startServer(overrides: Partial<Config> = {}, options: { handleSignals?: boolean } = {}): Promise<RunningServer> {
  const config: Config = { ...loadConfig(), ...overrides };
  const log = createLogger(config.logLevel);
  const store = await openEventStore(config, log);
  const catalog = loadScenarioCatalog(config.scenariosDir);
  for (const bad of catalog.invalid) log.error({ file: bad.file, errors: bad.errors }, `scenario file rejected:\n${bad.errors.join('\n')}`);

  // With REDIS_URL, rooms are shared with the other processes on the same Redis (docs/cluster.md).
  const cluster = clusterSetup(config, log);
  const rooms = new RoomKeeper({ locks: cluster.locks, log });
  if (cluster.locks && !(await cluster.locks.ping(REDIS_START_TIMEOUT_MS))) {
    cluster.serverOptions.presence?.shutdown();
    await cluster.serverOptions.driver?.shutdown();
    await store.close();
    throw new ConfigError(`REDIS_URL=${redactedUrl(config.redisUrl ?? '')}: Redis does not answer (waited ${REDIS_START_TIMEOUT_MS / 1000} s). Start it, or leave REDIS_URL unset to run one process alone.`);
  }
  const world = loadWorldData();
  // A shutdown drains the process first (no new joins, /api/ready says so); Redis joins the readiness checks once the server has its presence.
  const lifecycle = new Lifecycle();
  const readinessChecks: ReadinessCheck[] = [];
  // With REDIS_URL the per-address limits are counted in Redis, shared by the processes (docs/cluster.md); otherwise in this process's memory.
  const limits = cluster.limits ?? memoryLimits();
  const app = createHttpApp({ config, store, catalog, log, rooms, world, lifecycle, readinessChecks, limits });
  const httpServer = createServer(app);
  const gameServer = new Server({
    // Frames above MAX_FRAME_BYTES close the connection unread; smaller ones reach the room, which
    // refuses anything over MAX_CLIENT_MESSAGE_BYTES with protocol/too_large and keeps the connection.
    transport: new SpreadHeartbeatTransport({ server: httpServer, maxPayload: MAX_FRAME_BYTES }),
    greet: false,
    gracefullyShutdown: false,
    ...cluster.serverOptions,
  });
  const redisCheck = presenceReadinessCheck((gameServer as unknown as { presence?: unknown }).presence);
  if (redisCheck) readinessChecks.push(redisCheck);
  const services: RoomServices = { store, config, log, world };
  gameServer.define(EXERCISE_ROOM, ExerciseRoom, { services } as Partial<ExerciseRoomOptions> as ExerciseRoomOptions);
  // Browsers only join rooms the server made (GET /api/join restores an exercise's one room):
  // creating a room through Colyseus's own HTTP matchmaker would split an exercise in two.
  matchMaker.controller.exposedMethods = ['joinById'];
  rooms.start();
  // In front of express and of the matchmaker routes Colyseus has just attached: sizes and rates first.
  guardRequests(httpServer, { config, log, limits });
  await gameServer.listen(config.port, config.host);
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info({ port, dataDir: config.dataDir, store: storeKind(config), ...(config.redisUrl !== undefined ? { redis: redactedUrl(config.redisUrl), publicAddress: config.publicAddress } : {}), scenarios: [...catalog.byId.keys()] }, `Deflect is serving http://localhost:${port}`);
  // Which countries each bundled corridor crosses (20–80 ms each), before the first tables ask.
  const warming = new AbortController();
  if (config.warmCorridors) void warmCorridors(world, catalog.byId.values(), warming.signal).catch((e: unknown) => log.warn({ err: e }, 'could not walk the scenarios\' corridors ahead'));
  const janitor = startJanitor({ store, policy: retentionPolicy(config), log, isActive: (id) => rooms.isActive(id) });

  let closing: Promise<void> | null = null;
  let endPause: (() => void) | null = null;
  let pauseSkipped = false;
  const endDrainPause = () => {
    pauseSkipped = true;
    endPause?.();
  };
  const close = () => {
    closing ??= (async () => {
      // 1. No new joins or exercises: /api/ready answers 503 draining, GET /api/join and POST /api/exercises 503 with Retry-After.
      lifecycle.drain();
      warming.abort();
      janitor.stop();
      // 2. The drain pause: the rooms play on (commands are answered, leases renewed, dropped
      // clients reconnect) while a load balancer polling /api/ready takes this process out of rotation.
      if (config.shutdownDrainSeconds > 0 && !pauseSkipped) {
        log.info({ seconds: config.shutdownDrainSeconds }, 'draining: rooms close after the pause (signal again to close them now)');
        let timer: ReturnType<typeof setTimeout> | undefined;
        await new Promise<void>((resolve) => {
          endPause = resolve;
          timer = setTimeout(resolve, config.shutdownDrainSeconds * 1000);
        });
        clearTimeout(timer);
        endPause = null;
      }
      rooms.stop();
      // 3. Each room (locked: no seat is reserved any more) refuses new messages, finishes the commands
      // its queue holds (each is stored before it is acknowledged), then closes its connections with
      // 1012 (service restart): clients reconnect with their rejoin key, to another process that
      // restores the exercise from the log, or to this one once it is back.
      // Rooms are disposed one by one; should one hang, the process still stops (its log is safe on disk).
      const shutdown = gameServer.gracefullyShutdown(false).then(() => true);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), config.shutdownTimeoutSeconds * 1000)));
      const clean = await Promise.race([shutdown, timedOut]);
      clearTimeout(timer);
      if (!clean) {
        log.warn({ seconds: config.shutdownTimeoutSeconds }, 'rooms did not close in time; stopping anyway');
        httpServer.closeAllConnections();
        httpServer.close();
      }
      await janitor.idle();
      await store.close();
    })();
    return closing;
  };
  if (options.handleSignals) {
    // The first signal starts the shutdown; a second one during the drain pause ends the pause,
    // and one after it stops the process at once, as it did before the pause existed.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        if (closing && endPause) {
          log.info({ signal }, 'shutting down now: drain pause cut short');
          endDrainPause();
          return;
        }
        if (closing) {
          log.warn({ signal }, 'stopping at once: rooms still closing');
          process.exit(1);
        }
        log.info({ signal }, 'shutting down');
        void close().then(() => process.exit(0));
      });
    }
  }
  return { port, url: `http://localhost:${port}`, close, endDrainPause };
}

/** Number of rooms this process is running (for tests and health checks). */
export function localRoomCount(): number {
  return matchMaker.stats.local.roomCount;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  startServer({}, { handleSignals: true }).catch((e: unknown) => {
    if (e instanceof ConfigError) console.error(e.message);
    else console.error('Deflect could not start:', e);
    process.exit(1);
  });
}
