// A Deflect server with the bare echo rooms registered beside the exercise room, run as its own
// process by the wire benchmark so that its CPU time can be read from /proc apart from the
// clients'. Usage: node --import tsx test/bench/bench-server.ts <port> <dataDir>
import { matchMaker } from '@colyseus/core';
import { startServer } from '../../server/main.js';
import { NO_HTTP_LIMITS } from '../helpers/server.js';
import { BROADCAST_ECHO_ROOM, BroadcastEchoRoom, ECHO_ROOM, EchoRoom } from './echo-room.js';

const [port, dataDir] = process.argv.slice(2);
if (!port || !dataDir) throw new Error('usage: bench-server.ts <port> <dataDir>');
// Bench clients play a whole table from one process as fast as it can: lift the per-connection budget
// (its cost per message is still paid) and the per-address HTTP limits.
await startServer({ port: Number(port), host: '127.0.0.1', dataDir, logLevel: 'silent', commandsPerSecond: 1000, commandBurst: 100_000, ...NO_HTTP_LIMITS }, { handleSignals: true });
// startServer keeps its Colyseus Server to itself; the match-maker accepts room types after listen().
matchMaker.defineRoomType(ECHO_ROOM, EchoRoom);
matchMaker.defineRoomType(BROADCAST_ECHO_ROOM, BroadcastEchoRoom);
// The server lets browsers only join rooms it made; the benchmark's clients create the echo rooms.
matchMaker.controller.exposedMethods = ['joinById', 'create'];
console.log('ready');

// On SIGUSR2, after a full garbage collection when node runs with --expose-gc, the process
// prints its memory as one JSON line: what a benchmark reads to weigh a room.
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, rss, external, arrayBuffers } = process.memoryUsage();
  console.log(`memory ${JSON.stringify({ heapUsed, rss, external, arrayBuffers })}`);
});
