// What logs written before rules v5 (and v6) did not record, computed as the rules of their day
// did. Since then every event carries its outcome and `evolve` only copies it; for an older event
// the field is absent and `evolve` (or `upcastEvent`, where the event alone suffices) falls
// back to these. Frozen: they must give what v4 gave for every old log, whatever the rules
// become — change the deciders, never these (the golden logs in test/shared/engine pin them).
import { addMonths } from '../calendar.js';
import type { EventOf, MissionProgress, TrustChange } from './events.js';
import { actorSeat } from './seats.js';
import type { AgreementState, BidState, ExerciseState, MissionState } from './state.js';

/** Trust before any change, as v4 assumed it. */
const V4_NEUTRAL_TRUST = 50;

/** A proposed mission's kind, schedule and reliability before v5 recorded them: the catalogue's (a type missing from it gave nothing). */
export function v4MissionCatalogue(state: ExerciseState, typeId: string): Pick<MissionState, 'kind' | 'buildMonths' | 'flightMonths' | 'reliability'> {
  const t = state.scenario.missionTypes.find((x) => x.id === typeId);
  return { kind: t!.kind, buildMonths: t?.buildMonths ?? 0, flightMonths: t?.flightMonths ?? 0, reliability: t?.reliability ?? 0 };
}

/** A mission's reliability once a bid was accepted, before v5 recorded it: the bid's, plus all above the catalogue's if help in kind came, at most 0.99. */
export function v4BidReliability(state: ExerciseState, mission: MissionState, bid: BidState): number {
  const catalogue = state.scenario.missionTypes.find((x) => x.id === mission.typeId)?.reliability ?? 0;
  const gain = mission.inKind.length > 0 ? mission.reliability - catalogue : 0;
  return Math.min(0.99, bid.reliability + gain);
}

/** The missions' UN standing after a resolution's tallies, before v5 recorded it. */
export function v4Mandates(state: ExerciseState, tallies: EventOf<'RoundResolved'>['resolutions']): ExerciseState['missions'] {
  let missions = state.missions;
  for (const t of tallies) {
    const r = state.resolutions[t.resolutionId];
    const m = r?.missionId ? missions[r.missionId] : undefined;
    if (!t.adopted || !r || !m) continue;
    const unMandate =
      r.kind === 'mandate-mission' || (r.kind === 'authorise-nuclear' && m.kind === 'nuclear-standoff')
        ? 'mandated'
        : r.kind === 'endorse-mission' && m.unMandate === 'none'
          ? 'endorsed'
          : m.unMandate;
    missions = { ...missions, [m.id]: { ...m, unMandate } };
  }
  return missions;
}

/** When a funded mission would be ready, before v5 recorded it: its build months after funding. */
export function v4ReadyDate(step: MissionProgress, mission: MissionState): string {
  return addMonths(step.date, mission.buildMonths);
}

/** When a launched mission would arrive, before v5 recorded it: its flight months after launch. */
export function v4ArrivalDate(step: MissionProgress, mission: MissionState): string {
  return addMonths(step.date, mission.flightMonths);
}

/** A statement's news headline before v5 recorded it. */
export function v4StatementHeadline(event: EventOf<'StatementPosted'>): string {
  return `Statement by ${event.actorName}`;
}

/** SMPAG's options as news before v5 recorded the text. */
export function v4SmpagNews(event: EventOf<'SmpagOptionsPublished'>): { headline: string; body: string } {
  return {
    headline: 'SMPAG publishes mission options',
    body: event.options
      .map(
        (o) =>
          `${o.name} (${o.costMUsd} M USD): earliest arrival ${o.earliestArrival}${
            !o.arrivesBeforeEncounter ? ', too late' : o.nominalShiftKm !== null ? `, nominal shift ${Math.round(o.nominalShiftKm)} km` : ''
          }.`,
      )
      .join(' '),
  };
}

/** An inject's order of firing before v5 recorded it: one after those fired so far. */
export function v4InjectSeq(state: ExerciseState): number {
  return state.injects.length + 1;
}

/** An agreement's status after an answer, before v5 recorded it: every party accepting concludes it, any refusal ends it. */
export function v4AgreementStatus(a: AgreementState, responses: Record<string, boolean>, accepted: boolean): AgreementState['status'] {
  return !accepted ? 'rejected' : a.parties.every((p) => responses[p] === true) ? 'accepted' : 'proposed';
}

/** The trust after a change, before v5 recorded it: moved by the delta from 50 when untouched, kept within 0–100. */
export function v4TrustAfter(trust: Record<string, number>, change: TrustChange): number {
  return Math.max(0, Math.min(100, (trust[`${change.from}>${change.to}`] ?? V4_NEUTRAL_TRUST) + change.delta));
}

/**
 * The state without the delegation requests a seat change made moot, before v6 recorded them:
 * those whose requester left or took a seat, or whose actor's seat nobody holds any more.
 */
export function v5WithoutMootRequests(state: ExerciseState): ExerciseState {
  const requests = Object.values(state.delegationRequests);
  if (requests.length === 0) return state;
  const held = new Set(Object.values(state.participants).map((p) => p.seat));
  const pending = requests.filter((r) => state.participants[r.participantId]?.seat === null && held.has(actorSeat(r.actorId)));
  if (pending.length === requests.length) return state;
  return { ...state, delegationRequests: Object.fromEntries(pending.map((r) => [r.id, r])) };
}
