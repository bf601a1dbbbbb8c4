import type { AgreementKind, MissionStatus } from '../../shared/engine/vocabulary.js';
import type { AgreementState, EstimatePoint } from '../../shared/engine/state.js';
import type { MissionView, PlayerView, PublicRoundResult } from '../../shared/engine/view.js';

// What a round's resolution changed, as one seat can tell from its own views: the view just
// before the round (or before its resolution) and the view after. Pure: the component that
// shows it keeps the earlier slice (see `baselineOf`).

/** The part of a view a round summary compares with: a whole `PlayerView` is one. */
export interface SummaryBaseline {
  exercise: { round: number };
  results: readonly Pick<PublicRoundResult, 'round'>[];
  missions: readonly Pick<MissionView, 'id' | 'status' | 'fundedMUsd'>[];
  agreements: readonly Pick<AgreementState, 'id' | 'status'>[];
  me: { balanceMUsd: number } | null;
}

/** How a mission moved at a resolution: its funding grew, or its status changed (to `status`). */
export interface MissionMove {
  missionId: string;
  name: string;
  lead: string;
  /** 'funding': more money and no change of status; otherwise the status it reached. */
  change: 'funding' | MissionStatus;
  /** Its status before (null: proposed during the round). */
  from: MissionStatus | null;
  fundedMUsd: number;
  /** How much more it received than before. */
  addedMUsd: number;
  costMUsd: number;
  /** For an arrival: the measured shift of the impact point (km), or the inferred one and its spread. */
  shiftKm: number | null;
  expectedShiftKm: number | null;
  shiftSigmaKm: number | null;
}

/** A cost-sharing agreement that came due at the resolution: kept by all, or broken by some. */
export interface AgreementSettled {
  agreementId: string;
  kind: AgreementKind;
  missionId: string | null;
  parties: string[];
  kept: boolean;
  breachedBy: string[];
}

/** What one round's resolution changed, as one seat sees it. */
export interface RoundSummary {
  round: number;
  /** The scenario date the round resolved at. */
  date: string;
  impactProbabilityBefore: number | null;
  impactProbabilityNow: number;
  /** The Torino rating before (null before the first resolution: nothing was rated) and now. */
  torinoBefore: number | null;
  torinoNow: number;
  /** False when no view from before the resolution was at hand: missions and money could not be compared. */
  compared: boolean;
  missions: MissionMove[];
  /** Actors only: what the actor paid this round (null without a view from before) and what it has left. */
  money: { spentMUsd: number | null; leftMUsd: number } | null;
  agreements: AgreementSettled[];
  /** The headlines the round brought: its news, then the injects this seat received. */
  news: { key: string; headline: string; source: string | null }[];
  /** The asteroid's encounter was played at this resolution. */
  encounterPlayed: boolean;
}

/** The slice of a view a summary needs later, small enough to keep in storage. */
export function baselineOf(view: PlayerView): SummaryBaseline {
  return {
    exercise: { round: view.exercise.round },
    results: view.results.map((r) => ({ round: r.round })),
    missions: view.missions.map((m) => ({ id: m.id, status: m.status, fundedMUsd: m.fundedMUsd })),
    agreements: view.agreements.map((a) => ({ id: a.id, status: a.status })),
    me: view.me === null ? null : { balanceMUsd: view.me.balanceMUsd },
  };
}

/**
 * The summary of the latest resolution in `current` (null before the first one). `previous`
 * is a view from before that resolution — best from the start of its round, so that money
 * spent during the round counts — and is ignored when it already holds that resolution:
 * without it, missions and money are not compared (`compared` false).
 */
export function roundSummary(previous: SummaryBaseline | null, current: PlayerView): RoundSummary | null {
  const result = current.results[current.results.length - 1];
  if (!result) return null;
  const round = result.round;
  const before = previous !== null && !previous.results.some((r) => r.round >= round) ? previous : null;

  const earlierResult = current.results.filter((r) => r.round < round).at(-1) ?? null;
  const earlierEstimate: EstimatePoint | null = current.estimates.filter((e) => e.round < round).at(-1) ?? null;

  const missions: MissionMove[] = [];
  if (before) {
    const was = new Map(before.missions.map((m) => [m.id, m]));
    for (const m of current.missions) {
      const old = was.get(m.id);
      const from = old?.status ?? null;
      const addedMUsd = m.fundedMUsd - (old?.fundedMUsd ?? 0);
      const statusChanged = (from ?? 'proposed') !== m.status;
      if (!statusChanged && addedMUsd <= 0) continue;
      missions.push({
        missionId: m.id,
        name: m.name,
        lead: m.lead,
        change: statusChanged ? m.status : 'funding',
        from,
        fundedMUsd: m.fundedMUsd,
        addedMUsd: Math.max(0, addedMUsd),
        costMUsd: m.costMUsd,
        shiftKm: m.status === 'arrived' ? m.shiftKm : null,
        expectedShiftKm: m.status === 'arrived' ? m.expectedShiftKm : null,
        shiftSigmaKm: m.status === 'arrived' ? m.shiftSigmaKm : null,
      });
    }
  }

  // Agreements settle at their due round's resolution; without a view from before, the due round says which.
  const wasStatus = new Map(before?.agreements.map((a) => [a.id, a.status]) ?? []);
  const agreements: AgreementSettled[] = current.agreements
    .filter((a) => (a.status === 'fulfilled' || a.status === 'breached') && (before ? wasStatus.get(a.id) !== a.status : a.dueRound === round))
    .map((a) => ({ agreementId: a.id, kind: a.kind, missionId: a.missionId, parties: [a.proposer, ...a.parties], kept: a.status === 'fulfilled', breachedBy: a.breachedBy }));

  const news = [
    ...current.news.filter((n) => n.round === round).map((n) => ({ key: `news:${n.id}`, headline: n.headline, source: null })),
    ...current.injects.filter((i) => i.round === round).map((i) => ({ key: `inject:${i.id}`, headline: i.headline, source: i.persona })),
  ];

  let money: RoundSummary['money'] = null;
  if (current.me !== null) {
    const spent = before?.me ? before.me.balanceMUsd - current.me.balanceMUsd : null;
    // A balance that grew (the control cell's override) says nothing about spending.
    money = { spentMUsd: spent !== null && spent >= 0 ? spent : null, leftMUsd: current.me.balanceMUsd };
  }

  return {
    round,
    date: result.date,
    impactProbabilityBefore: earlierResult?.impactProbability ?? earlierEstimate?.impactProbability ?? null,
    impactProbabilityNow: result.impactProbability,
    torinoBefore: earlierResult?.torino ?? null,
    torinoNow: result.torino,
    compared: before !== null,
    missions,
    money,
    agreements,
    news,
    encounterPlayed: current.outcome !== null,
  };
}
