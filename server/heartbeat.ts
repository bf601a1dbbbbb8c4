// The WebSocket heartbeat, spread over its interval. Colyseus's transport pings every client in
// one loop every 3 s; at 3 200 clients that is 3 200 socket writes in one turn of the event loop
// (~70 ms on this machine's 2 cores), so every 3 s a command waited behind it. Here each client
// is still pinged once per interval and cut off after the same number of unanswered pings, but
// the pings go out in slices, one slice per tick.
import { WebSocketTransport } from '@colyseus/ws-transport';

/** What the heartbeat needs of a raw `ws` connection (Colyseus resets `pingCount` on each pong). */
export interface HeartbeatClient {
  pingCount: number;
  readonly readyState: number;
  ping(callback: (error?: Error) => void): void;
  terminate(): void;
}

/** `WebSocket.OPEN` in `ws`. */
const OPEN = 1;

/** Ticks per ping interval: at 3 s, a slice every 100 ms. */
export const HEARTBEAT_SLICES = 30;

function noop(): void {}

/**
 * One heartbeat round after another: each round takes the connections open at its start and
 * pings a `1/slices` share of them per tick, so a round spans `slices` ticks. A connection that
 * has not answered `maxMissed` pings by its next turn is terminated, as Colyseus does.
 */
export class SpreadHeartbeat {
  private round: HeartbeatClient[] = [];
  private next = 0;
  /** Ticks of the current round gone by: a round lasts `slices` ticks however few connections there are. */
  private ticks = 0;

  constructor(
    private readonly maxMissed: number,
    private readonly slices = HEARTBEAT_SLICES,
  ) {}

  /** Pings (or terminates) the next slice of the round, starting a new round from `clients` every `slices` ticks. */
  tick(clients: Iterable<HeartbeatClient>): void {
    if (this.ticks === 0) {
      this.round = [...clients];
      this.next = 0;
    }
    this.ticks++;
    const end = Math.ceil((this.round.length * this.ticks) / this.slices);
    for (; this.next < end; this.next++) {
      const client = this.round[this.next]!;
      // Gone since the round began: nothing to ping.
      if (client.readyState !== OPEN) continue;
      if (client.pingCount >= this.maxMissed) {
        client.terminate();
        continue;
      }
      client.pingCount++;
      client.ping(noop);
    }
    if (this.ticks === this.slices) {
      this.ticks = 0;
      // Let go of the round's connections, so closed ones can be collected.
      this.round = [];
    }
  }
}

/** Colyseus's WebSocket transport (same options, same ping interval and retries) with the heartbeat spread over the interval. */
export class SpreadHeartbeatTransport extends WebSocketTransport {
  protected override autoTerminateUnresponsiveClients(pingInterval: number, pingMaxRetries: number): void {
    const heartbeat = new SpreadHeartbeat(pingMaxRetries);
    // Stored where the base class clears it when the HTTP server closes.
    this.pingInterval = setInterval(() => heartbeat.tick(this.wss.clients as Iterable<unknown> as Iterable<HeartbeatClient>), pingInterval / HEARTBEAT_SLICES);
  }
}
