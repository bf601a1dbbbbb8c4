import type { DomainEvent, EventOf } from './events.js';
import { replay } from './evolve.js';
import { v4SmpagNews, v4StatementHeadline } from './legacy.js';
import type { ParticipantRole } from './seats.js';
import type { ExerciseState } from './state.js';

/**
 * Version of the rules; stored with every event so a log is replayed by the rules that wrote it.
 * 1: the first rules.
 * 2: keys per role — `ParticipantJoined` records a `role` instead of `controller`; delegation
 *    requests and answers; talk quotas per actor and phase (`TalkQuotaSet`).
 * 3: fragments obey momentum — a disrupted body's bulk keeps the deflected course and its
 *    fragment drifts from it (`fragmentCloud`); a nuclear burst's yield and height are chosen
 *    (`MissionProposed.burst`) and its couplings drawn (`MissionProgress.burst`). Older events
 *    lack these fields and replay as recorded: `RoundResolved.fragment` was always written.
 * 4: what-if branches — `ExerciseBranched` follows a parent's prefix in a branch's log: it
 *    sets the generator state, may put another legal regime in force, unseats everyone and
 *    pauses play; the state records `branch` (null before: no older log holds the event).
 * 5: every event carries its outcome, so `evolve` only records it (DESIGN principle 1):
 *    `MissionProposed` its kind, build and flight months and reliability; `BidAccepted` the
 *    mission's reliability after the in-kind gain and the 0.99 cap; `RoundResolved` the UN
 *    standing its resolutions gave (`mandates`) and, per mission, the `readyDate` of a funded
 *    one and the `arrivalDate` of a launched one; every trust change the trust it leaves
 *    (`after`); `AgreementResponded` the agreement's `status`; `InjectFired` its `seq`;
 *    `StatementPosted` and `SmpagOptionsPublished` their news `headline` (and SMPAG's `body`).
 *    Older events lack these: `upcastEvent` writes the texts, and `evolve` computes the rest as
 *    v4 did (legacy.ts, frozen). Evaluators may rate an observation (HSEEP P/S/M/U,
 *    `ObservationRecorded.rating`); older observations have no rating, and need no upcast.
 * 6: seat changes and departures record the delegation requests they make moot
 *    (`SeatClaimed`, `SeatReleased`, `ParticipantLeft`: `mootRequests`), and a request the
 *    ones it replaces (`DelegationRequested.replaces`); older events lack them and `evolve`
 *    works them out as v5 did (legacy.ts).
 */
export const RULES_VERSION = 6;

/**
 * The role of a participant as its join event records it. Rules v1 recorded only whether the
 * facilitator key was shown (`controller`): that key gave the facilitator role, and without
 * it one was a participant (there was no evaluator key).
 */
export function roleOfJoined(event: EventOf<'ParticipantJoined'>): ParticipantRole {
  if (event.role !== undefined) return event.role;
  return event.controller === true ? 'facilitator' : 'participant';
}

/** One step of upcasting: events written by rules older than `until` are brought to its shape. */
interface Upcaster {
  readonly until: number;
  readonly apply: (event: DomainEvent) => DomainEvent;
}

/** The upcasting steps in the order of the versions they lead to; each returns an event it leaves alone as the same object. */
const UPCASTERS: readonly Upcaster[] = [
  {
    // Rules v1 recorded `controller` (the facilitator key shown) instead of a role.
    until: 2,
    apply: (event) => {
      if (event.type !== 'ParticipantJoined' || event.role !== undefined) return event;
      const { controller: _controller, ...rest } = event;
      return { ...rest, role: roleOfJoined(event) };
    },
  },
  {
    // Rules v4 composed the news texts of statements and SMPAG's options inside evolve.
    until: 5,
    apply: (event) => {
      if (event.type === 'StatementPosted' && event.headline === undefined) return { ...event, headline: v4StatementHeadline(event) };
      if (event.type === 'SmpagOptionsPublished' && (event.headline === undefined || event.body === undefined)) return { ...event, ...v4SmpagNews(event) };
      return event;
    },
  },
];

/**
 * An event stored by the rules of `rulesVersion` in the shape the current rules fold, so that
 * `evolve` reads one shape only; an event already current is returned as it is (the same object).
 */
export function upcastEvent(event: DomainEvent, rulesVersion: number): DomainEvent {
  let current = event;
  for (const step of UPCASTERS) if (rulesVersion < step.until) current = step.apply(current);
  return current;
}

/** A stored event as the store hands it to the rules: its data and the version of the rules that wrote it. */
export interface StoredEventData {
  readonly data: DomainEvent;
  readonly rulesVersion: number;
}

/** Folds a stored log, each event upcast from the rules that wrote it: how a stored exercise's state is rebuilt. */
export function replayStored(initial: ExerciseState, events: readonly StoredEventData[]): ExerciseState {
  return replay(
    initial,
    events.map((e) => upcastEvent(e.data, e.rulesVersion)),
  );
}
