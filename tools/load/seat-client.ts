// A plain participant for the load tool's tables: the facilitator who advances the phases, and
// the projector on the display seat. The players themselves are the bots (tools/bots).
import { Client, type Room } from 'colyseus.js';
import type { ClientCommand } from '../../shared/engine/commands.js';
import type { SeatId } from '../../shared/engine/seats.js';
import type { PlayerView } from '../../shared/engine/view.js';
import { ClientMessage, ServerMessage, type AcceptedMessage, type RejectedMessage } from '../../shared/protocol.js';
import { followUpdate, isGap, type FollowedView, type SeatUpdate } from '../../shared/sync.js';

const ANSWER_TIMEOUT_MS = 10_000;

/** A colyseus.js client in one seat that follows its view as the browser does and sends commands one at a time. */
export class SeatClient {
  private followed: FollowedView | null = null;
  private counter = 0;
  private readonly waiters = new Map<string, (answer: AcceptedMessage | RejectedMessage | null) => void>();
  private readonly changeListeners = new Set<() => void>();

  private constructor(readonly room: Room, private readonly prefix: string) {
    room.onMessage(ServerMessage.update, (u: SeatUpdate) => {
      const result = followUpdate(this.followed, u);
      if (isGap(result)) {
        room.send(ClientMessage.resync);
        return;
      }
      this.followed = result;
      for (const listener of this.changeListeners) listener();
    });
    room.onMessage(ServerMessage.accepted, (m: AcceptedMessage) => this.settle(m.commandId, m));
    room.onMessage(ServerMessage.rejected, (m: RejectedMessage) => m.commandId !== null && this.settle(m.commandId, m));
    room.onMessage('*', () => undefined);
  }

  /** Joins the exercise's room (with the facilitator's key for the control cell), then calls `watch` with the connection. */
  static async join(options: { url: string; roomId: string; code: string; name: string; facilitatorKey?: string; watch?: (room: Room) => void }): Promise<SeatClient> {
    const client = new Client(options.url.replace(/\/+$/, '').replace(/^http/, 'ws'));
    const room = await client.joinById(options.roomId, { code: options.code, name: options.name, ...(options.facilitatorKey ? { facilitatorKey: options.facilitatorKey } : {}) });
    options.watch?.(room);
    return new SeatClient(room, options.name.slice(0, 3).toLowerCase());
  }

  /** The seat's view as the updates built it (null before the first). */
  get view(): PlayerView | null {
    return this.followed?.view ?? null;
  }

  /** How many events of the log the last update reflected. */
  get logSeq(): number {
    return this.followed?.logSeq ?? 0;
  }

  /** Resolves when `test` holds for the view, or false after `timeoutMs`. */
  until(test: (view: PlayerView) => boolean, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.followed && test(this.followed.view)) {
          finish(true);
        }
      };
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.changeListeners.delete(check);
        resolve(ok);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.changeListeners.add(check);
      check();
    });
  }

  /** Takes a seat; throws with the server's reason when refused. */
  async claim(seat: SeatId): Promise<void> {
    const answer = await this.send({ type: 'ClaimSeat', seat });
    if (answer === null || 'code' in answer) throw new Error(`could not take the ${seat} seat: ${answer === null ? 'no answer' : answer.message}`);
  }

  /** Sends a command; the server's answer, or null if none came in time. */
  send(command: ClientCommand): Promise<AcceptedMessage | RejectedMessage | null> {
    const commandId = `${this.prefix}-${++this.counter}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(commandId);
        resolve(null);
      }, ANSWER_TIMEOUT_MS);
      this.waiters.set(commandId, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      try {
        this.room.send(ClientMessage.command, { commandId, command });
      } catch {
        this.settle(commandId, null);
      }
    });
  }

  /** Leaves the exercise for good. */
  async leave(): Promise<void> {
    this.changeListeners.clear();
    await this.room.leave(true).catch(() => undefined);
  }

  private settle(commandId: string, answer: AcceptedMessage | RejectedMessage | null): void {
    const waiter = this.waiters.get(commandId);
    this.waiters.delete(commandId);
    waiter?.(answer);
  }
}
