// The Deflect server as the load tool and the soak start it: `startServer` on a port and a
// data folder, plus one thing a measurement needs — on SIGUSR2 it prints its memory after a
// full garbage collection (when node runs with --expose-gc) and its open rooms and clients,
// as one JSON line. Usage: node --expose-gc --import tsx tools/load/server.ts <port> <dataDir>
import { matchMaker } from '@colyseus/core';
import { startServer } from '../../server/main.js';

/** What the server prints on SIGUSR2, after the `sample ` prefix. */
export interface ServerSample {
  heapUsed: number;
  rss: number;
  external: number;
  arrayBuffers: number;
  /** Whether the heap was collected first (false without --expose-gc). */
  collected: boolean;
  rooms: number;
  clients: number;
}

const [port, dataDir] = process.argv.slice(2);
if (!port || !dataDir) throw new Error('usage: tools/load/server.ts <port> <dataDir>');
// The rest of the configuration comes from the environment (LOG_LEVEL, the rate limits…), as for `npm start`.
await startServer({ port: Number(port), host: '127.0.0.1', dataDir }, { handleSignals: true });
console.log('ready');

process.on('SIGUSR2', () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const { heapUsed, rss, external, arrayBuffers } = process.memoryUsage();
  const sample: ServerSample = { heapUsed, rss, external, arrayBuffers, collected: gc !== undefined, rooms: matchMaker.stats.local.roomCount, clients: matchMaker.stats.local.ccu };
  console.log(`sample ${JSON.stringify(sample)}`);
});
