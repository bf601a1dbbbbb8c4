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
