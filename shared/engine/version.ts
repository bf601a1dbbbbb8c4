import type { EventOf } from './events.js';
import type { ParticipantRole } from './seats.js';

/**
 * Version of the rules; stored with every event so a log is replayed by the rules that wrote it.
 * 1: the first rules.
 * 2: keys per role — `ParticipantJoined` records a `role` instead of `controller`; delegation
 *    requests and answers; talk quotas per actor and phase (`TalkQuotaSet`).
 * 3: fragments obey momentum — a disrupted body's bulk keeps the deflected course and its
 *    fragment drifts from it (`fragmentCloud`); a nuclear burst's yield and height are chosen
 *    (`MissionProposed.burst`) and its couplings drawn (`MissionProgress.burst`). Older events
 *    lack these fields and replay as recorded: `RoundResolved.fragment` was always written.
 */
export const RULES_VERSION = 3;

/**
 * The role of a participant as its join event records it. Rules v1 recorded only whether the
 * facilitator key was shown (`controller`): that key gave the facilitator role, and without
 * it one was a participant (there was no evaluator key).
 */
export function roleOfJoined(event: EventOf<'ParticipantJoined'>): ParticipantRole {
  if (event.role !== undefined) return event.role;
  return event.controller === true ? 'facilitator' : 'participant';
}
