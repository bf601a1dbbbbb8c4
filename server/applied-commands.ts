// Which client commands a room has applied, by the id the client gave each one, so that a
// command sent again after its connection dropped is answered, not applied twice. The ids come
// back from the log after a restart or a failover (the store keeps each event's command id).
import type { StoredEvent } from './store/types.js';

/** The events a command stored, as its `accepted` answer gives them (an empty range after the log's end when it changed nothing). */
export interface AppliedRange {
  firstSeq: number;
  lastSeq: number;
}

/**
 * How many command ids are kept per participant. A client sends again only what had no answer
 * when its connection dropped, and a connection can have at most 16 commands waiting
 * (MAX_WAITING_PER_CONNECTION); the newest 64 cover that with room to spare.
 */
export const APPLIED_IDS_KEPT = 64;

/** Each participant's newest applied command ids, with the events each stored. */
export class AppliedCommands {
  private readonly byParticipant = new Map<string, Map<string, AppliedRange>>();

  constructor(private readonly keptPerParticipant = APPLIED_IDS_KEPT) {}

  /** The ids the log's events carry, each with the range of events its command stored (a command's events are consecutive). */
  static fromLog(log: readonly StoredEvent[], keptPerParticipant = APPLIED_IDS_KEPT): AppliedCommands {
    const applied = new AppliedCommands(keptPerParticipant);
    for (const e of log) {
      if (e.commandId === undefined) continue;
      const known = applied.byParticipant.get(e.actor)?.get(e.commandId);
      if (known && known.lastSeq === e.seq - 1) known.lastSeq = e.seq;
      else applied.record(e.actor, e.commandId, { firstSeq: e.seq, lastSeq: e.seq });
    }
    return applied;
  }

  /** Records that `participantId`'s command `commandId` stored `range`; an id used again (by a client that reuses ids) means its newest command. */
  record(participantId: string, commandId: string, range: AppliedRange): void {
    let ids = this.byParticipant.get(participantId);
    if (!ids) this.byParticipant.set(participantId, (ids = new Map()));
    ids.delete(commandId);
    ids.set(commandId, { firstSeq: range.firstSeq, lastSeq: range.lastSeq });
    if (ids.size > this.keptPerParticipant) ids.delete(ids.keys().next().value!);
  }

  /** What `participantId`'s command `commandId` stored, if it was applied (and is among the newest kept). */
  find(participantId: string, commandId: string): AppliedRange | undefined {
    const range = this.byParticipant.get(participantId)?.get(commandId);
    return range ? { ...range } : undefined;
  }
}
