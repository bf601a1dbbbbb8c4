import { Room, type Client } from '@colyseus/core';
import { ClientMessage, ServerMessage } from '../../shared/protocol.js';

/** Name under which the benchmarks register the echo room (never defined by `startServer`). */
export const ECHO_ROOM = 'echo';

/**
 * A bare Colyseus room that answers every command with `accepted` and does nothing else:
 * no validation, rules, storage, state or patches. It is the transport-only baseline the
 * room benchmark divides the exercise room's throughput by.
 */
export class EchoRoom extends Room {
  override onCreate(): void {
    this.onMessage(ClientMessage.command, (client: Client, message: { commandId?: unknown }) => {
      client.send(ServerMessage.accepted, { commandId: message.commandId });
    });
  }
}

/** Name of the broadcasting echo room. */
export const BROADCAST_ECHO_ROOM = 'broadcast-echo';

/**
 * The transport floor of a table: every command is sent on to every client in the room (one
 * frame each, as the exercise room's per-seat updates are), then answered `accepted`. No
 * validation, rules, storage or views.
 */
export class BroadcastEchoRoom extends Room {
  override onCreate(): void {
    this.onMessage(ClientMessage.command, (client: Client, message: { commandId?: unknown; command?: unknown }) => {
      for (const c of this.clients) c.send(ServerMessage.update, { command: message.command });
      client.send(ServerMessage.accepted, { commandId: message.commandId });
    });
  }
}
