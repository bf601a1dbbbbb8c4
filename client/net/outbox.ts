import type { ClientCommand } from '../../shared/engine/commands.js';
import type { CommandEnvelope } from '../../shared/protocol.js';

/**
 * How long a command waits for its answer across a lost connection. Sent again after a
 * reconnection within this time, it is applied once (the server knows its id); older, it
 * is not sent again, and the person is asked to check the screen: two minutes after they
 * acted, the table may have moved on.
 */
export const RESEND_WITHIN_MS = 2 * 60 * 1000;

/** A command sent that has had no answer yet. */
export interface Unanswered {
  envelope: CommandEnvelope;
  /** When the person gave it (ms since the epoch). */
  givenAtMs: number;
}

/** A prefix that no other page load of any browser is likely to share: 12 characters from 6 random bytes (48 bits). */
function randomPrefix(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 12);
}

/**
 * The commands of one page that have no answer yet. Each gets an id unique for the
 * participant's whole exercise (a random prefix per page load and a counter), so the server
 * can tell a command sent again after a lost connection from a new one.
 */
export class Outbox {
  private readonly waiting = new Map<string, Unanswered>();
  private counter = 0;

  constructor(private readonly prefix = randomPrefix()) {}

  /** A new command's envelope, remembered as unanswered until `answered`. */
  add(command: ClientCommand, nowMs: number): CommandEnvelope {
    const envelope: CommandEnvelope = { commandId: `${this.prefix}.${++this.counter}`, command };
    this.waiting.set(envelope.commandId, { envelope, givenAtMs: nowMs });
    return envelope;
  }

  /** Forgets a command once the server has answered it; false if it was not waiting. */
  answered(commandId: string): boolean {
    return this.waiting.delete(commandId);
  }

  has(commandId: string): boolean {
    return this.waiting.has(commandId);
  }

  /**
   * After getting back in as the same participant: the commands to send again (marked
   * `retry`, oldest first), which stay unanswered until their answer comes, and those too old
   * to send, which are forgotten.
   */
  takeForResend(nowMs: number): { resend: CommandEnvelope[]; tooOld: Unanswered[] } {
    const resend: CommandEnvelope[] = [];
    const tooOld: Unanswered[] = [];
    for (const [id, u] of this.waiting) {
      if (nowMs - u.givenAtMs <= RESEND_WITHIN_MS) resend.push({ ...u.envelope, retry: true });
      else {
        tooOld.push(u);
        this.waiting.delete(id);
      }
    }
    return { resend, tooOld };
  }

  /** Forgets every unanswered command (the participant is gone, or the exercise left) and returns them. */
  dropAll(): Unanswered[] {
    const all = [...this.waiting.values()];
    this.waiting.clear();
    return all;
  }
}
