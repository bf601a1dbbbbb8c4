import type { ActorKind } from '../../shared/scenario/schema.js';
import type { ActorPrivateView, ControlView, PlayerView } from '../../shared/engine/view.js';
import { actorOfSeat, type SeatId } from '../../shared/engine/seats.js';
import type { Message, Phase } from '../../shared/engine/state.js';

// The JSON form of the server's ExerciseRoomState as a client decodes it (`room.state.toJSON()`).
interface MessageJson { id: string; round: number; from: string; fromName: string; to: string; text: string; at: string }
interface ActorPrivateJson {
  actorId: string; secretBriefing: string; balanceMUsd: number; ordersJson: string; agreementsJson: string; injectsJson: string; privateEstimateJson: string; ready: boolean; messages: MessageJson[];
}
export interface WireStateJson {
  exercise: {
    scenarioId: string; title: string; summary: string; phase: string; round: number; roundCount: number;
    roundTitle: string; scenarioDate: string; potentialImpactDate: string; endReason: string;
  };
  asteroid: PlayerView['asteroid'];
  riskCorridor: { description: string; points: { lat: number; lon: number; label: string }[] };
  actors: { id: string; name: string; kind: string; stateOfNationality: string; briefing: string; ready: boolean }[];
  seats: { seat: string; label: string; holders: { participantId: string; name: string; connected: boolean }[] }[];
  estimates: PlayerView['estimates'];
  news: PlayerView['news'];
  publicMessages: MessageJson[];
  results: PlayerView['results'];
  missionTypesJson: string;
  bidsJson: string;
  missions: { id: string; json: string }[];
  evacuations: string;
  shelters: string;
  iawnNotified: boolean;
  smpagConvened: boolean;
  paused: boolean;
  phaseDeadline: string;
  rulesJson: string;
  resolutionsJson: string;
  trustJson: string;
  scoresJson: string;
  publicInjectsJson: string;
  claimsJson: string;
  outcome?: { json: string };
  privates?: Record<string, ActorPrivateJson>;
  control?: Record<string, {
    injectsJson: string;
    observationsJson: string;
    overridesJson: string;
    injectTimelineJson: string;
    truthDiameterM: number; truthDensityKgM3: number; truthEncounterKm: number; currentEncounterKm: number;
    meanKm: number; sigmaKm: number; impactProbability: number;
    spending: { round: number; actorId: string; observeMUsd: number; missionMUsd: number }[];
  }>;
}

/** The agreements in the private areas this client received, each once, in the order they were proposed. */
function agreementsOf(privates: ActorPrivateJson[]): PlayerView['agreements'] {
  const byId = new Map<string, PlayerView['agreements'][number]>();
  for (const p of privates) for (const a of JSON.parse(p.agreementsJson) as PlayerView['agreements']) byId.set(a.id, a);
  return [...byId.values()].sort((a, b) => Number(a.id.split('-')[1]) - Number(b.id.split('-')[1]));
}

/** The injects an actor or the display received: those to all, and those addressed to this actor, in firing order. */
function injectsOf(wire: WireStateJson, mine: ActorPrivateJson | undefined): PlayerView['injects'] {
  const all = JSON.parse(wire.publicInjectsJson) as PlayerView['injects'];
  const own = mine ? (JSON.parse(mine.injectsJson) as PlayerView['injects']) : [];
  return [...all.filter((i) => i.targets === 'all'), ...own].sort((a, b) => a.seq - b.seq);
}

/** Presence of participants, which the wire carries beside the view (it is not game state). */
export type Presence = Record<string, boolean>;

const messageNumber = (id: string) => Number(id.slice(1));

function toMessage(m: MessageJson): Message {
  return { id: m.id, round: m.round, from: m.from as SeatId, fromName: m.fromName, to: m.to === '' ? 'public' : m.to === 'delegation' ? 'delegation' : m.to.split(','), text: m.text, at: m.at };
}

function toPrivate(p: ActorPrivateJson): ActorPrivateView {
  return {
    actorId: p.actorId,
    secretBriefing: p.secretBriefing,
    balanceMUsd: p.balanceMUsd,
    orders: JSON.parse(p.ordersJson) as ActorPrivateView['orders'],
    privateEstimate: JSON.parse(p.privateEstimateJson) as ActorPrivateView['privateEstimate'],
    ready: p.ready,
  };
}

/**
 * Rebuilds the seat's `PlayerView` from what the client decoded. Whatever the server
 * did not send stays absent, so a test can hold this against `playerView` for the seat.
 */
export function wireToView(wire: WireStateJson, seat: SeatId | null): PlayerView {
  const privates = Object.values(wire.privates ?? {});
  const byId = new Map<string, Message>();
  for (const m of wire.publicMessages) byId.set(m.id, toMessage(m));
  for (const p of privates) for (const m of p.messages) byId.set(m.id, toMessage(m));
  const messages = [...byId.values()].sort((a, b) => messageNumber(a.id) - messageNumber(b.id));
  const myActor = actorOfSeat(seat);
  const mine = myActor !== null ? wire.privates?.[myActor] : undefined;
  const o = wire.outcome;
  const c = wire.control?.control;
  return {
    exercise: { ...wire.exercise, phase: wire.exercise.phase as Phase, endReason: wire.exercise.endReason === '' ? null : wire.exercise.endReason },
    asteroid: { ...wire.asteroid },
    riskCorridor: {
      description: wire.riskCorridor.description,
      points: wire.riskCorridor.points.map((p) => ({ lat: p.lat, lon: p.lon, label: p.label === '' ? null : p.label })),
    },
    actors: wire.actors.map((a) => ({ ...a, kind: a.kind as ActorKind, stateOfNationality: a.stateOfNationality === '' ? null : a.stateOfNationality })),
    seats: wire.seats.map((s) => ({
      seat: s.seat as SeatId,
      label: s.label,
      holders: s.holders.map((h) => ({ participantId: h.participantId, name: h.name })),
    })),
    estimates: wire.estimates.map((e) => ({ ...e })),
    news: wire.news.map((n) => ({ ...n })),
    messages,
    results: wire.results.map((r) => ({ ...r })),
    missionTypes: JSON.parse(wire.missionTypesJson) as PlayerView['missionTypes'],
    missions: wire.missions.map((m) => JSON.parse(m.json) as PlayerView['missions'][number]),
    bids: JSON.parse(wire.bidsJson) as PlayerView['bids'],
    evacuations: wire.evacuations === '' ? [] : wire.evacuations.split(','),
    shelters: wire.shelters === '' ? [] : wire.shelters.split(','),
    iawnNotified: wire.iawnNotified,
    smpagConvened: wire.smpagConvened,
    paused: wire.paused,
    phaseDeadline: wire.phaseDeadline === '' ? null : wire.phaseDeadline,
    ...(JSON.parse(wire.rulesJson) as Pick<PlayerView, 'votingRule' | 'evacuationCostMUsd' | 'shelterCostMUsd' | 'observationRules'>),
    agreements: agreementsOf(privates),
    resolutions: JSON.parse(wire.resolutionsJson) as PlayerView['resolutions'],
    trust: JSON.parse(wire.trustJson) as PlayerView['trust'],
    scores: JSON.parse(wire.scoresJson) as PlayerView['scores'],
    injects: c ? (JSON.parse(c.injectsJson) as PlayerView['injects']) : injectsOf(wire, mine),
    claims: JSON.parse(wire.claimsJson) as PlayerView['claims'],
    outcome: o ? (JSON.parse(o.json) as PlayerView['outcome']) : null,
    me: mine ? toPrivate(mine) : null,
    control: c
        ? {
            observations: JSON.parse(c.observationsJson) as ControlView['observations'],
            overrides: JSON.parse(c.overridesJson) as ControlView['overrides'],
            injectTimeline: JSON.parse(c.injectTimelineJson) as ControlView['injectTimeline'],
            truth: { diameterM: c.truthDiameterM, densityKgM3: c.truthDensityKgM3, encounterKm: c.truthEncounterKm, currentEncounterKm: c.currentEncounterKm },
            estimate: { meanKm: c.meanKm, sigmaKm: c.sigmaKm, impactProbability: c.impactProbability },
            actors: wire.actors.map((a) => wire.privates?.[a.id]).filter((p) => p !== undefined).map(toPrivate),
            spending: c.spending.map((s) => ({ ...s })),
          }
        : null,
  };
}

/** Who is connected, from the seats' holders. */
export function presenceOf(wire: WireStateJson): Presence {
  const out: Presence = {};
  for (const s of wire.seats) for (const h of s.holders) out[h.participantId] = h.connected;
  return out;
}
