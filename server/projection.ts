import type { ArraySchema, Schema } from '@colyseus/schema';
import { playerView, type ExerciseState, type Message } from '../shared/engine/index.js';
import {
  ActorPrivateWire,
  ActorWire,
  CorridorPointWire,
  EstimateWire,
  HolderWire,
  MessageWire,
  MissionWire,
  NewsWire,
  OutcomeWire,
  ResultWire,
  SeatWire,
  SpendingWire,
  type ExerciseRoomState,
} from './schema.js';

type Plain = Record<string, string | number | boolean>;

/** Assigns only the fields whose value differs, so the schema encodes nothing for unchanged data. */
function assign<T extends Schema>(target: T, values: Plain): void {
  const t = target as unknown as Plain;
  for (const [key, value] of Object.entries(values)) if (t[key] !== value) t[key] = value;
}

// The engine item each wire element was last written from. evolve keeps untouched items as
// the same objects, so an element whose source is identical needs no comparison at all:
// long append-only lists (messages, news, estimates) cost nothing per command.
const writtenFrom = new WeakMap<Schema, unknown>();

/** Makes a schema array hold one element per item, creating, updating in place or removing as needed. */
function syncArray<W extends Schema, I>(target: ArraySchema<W>, items: readonly I[], create: () => W, update: (w: W, item: I) => void): void {
  items.forEach((item, i) => {
    let w = target[i];
    if (w === undefined) {
      w = create();
      target.push(w);
    } else if (writtenFrom.get(w) === item) return;
    update(w, item);
    writtenFrom.set(w, item);
  });
  while (target.length > items.length) target.pop();
}

function updateMessage(w: MessageWire, m: Message): void {
  assign(w, { id: m.id, round: m.round, from: m.from, fromName: m.fromName, text: m.text, at: m.at, to: m.to === 'public' ? '' : m.to === 'delegation' ? 'delegation' : m.to.join(',') });
}

/**
 * Writes the engine state into the Colyseus state, touching only what changed. The
 * public part is `playerView(state, null)`; each actor's private area and the control
 * area are filled from the facilitator's view and reach clients only through StateView.
 */
export function project(wire: ExerciseRoomState, state: ExerciseState, presence: ReadonlySet<string>): void {
  const pub = playerView(state, null);
  const all = playerView(state, 'facilitator');
  const ex = pub.exercise;
  assign(wire.exercise, { ...ex, endReason: ex.endReason ?? '' });
  assign(wire.asteroid, pub.asteroid);
  assign(wire.riskCorridor, { description: pub.riskCorridor.description });
  syncArray(wire.riskCorridor.points, pub.riskCorridor.points, () => new CorridorPointWire(), (w, p) =>
    assign(w, { lat: p.lat, lon: p.lon, label: p.label ?? '' }),
  );
  syncArray(wire.actors, pub.actors, () => new ActorWire(), (w, a) =>
    assign(w, { ...a, stateOfNationality: a.stateOfNationality ?? '' }),
  );
  syncArray(wire.seats, pub.seats, () => new SeatWire(), (w, s) => {
    assign(w, { seat: s.seat, label: s.label });
    syncArray(w.holders, s.holders, () => new HolderWire(), (h, p) =>
      assign(h, { participantId: p.participantId, name: p.name, connected: presence.has(p.participantId) }),
    );
  });
  syncArray(wire.estimates, pub.estimates, () => new EstimateWire(), (w, e) => assign(w, { ...e }));
  syncArray(wire.news, pub.news, () => new NewsWire(), (w, n) => assign(w, { ...n }));
  syncArray(wire.publicMessages, pub.messages, () => new MessageWire(), updateMessage);
  syncArray(wire.results, pub.results, () => new ResultWire(), (w, r) => assign(w, { ...r }));
  syncArray(wire.missions, pub.missions, () => new MissionWire(), (w, m) => assign(w, { id: m.id, json: JSON.stringify(m) }));
  assign(wire, {
    evacuations: pub.evacuations.join(','),
    shelters: pub.shelters.join(','),
    iawnNotified: pub.iawnNotified,
    smpagConvened: pub.smpagConvened,
    paused: pub.paused,
    phaseDeadline: pub.phaseDeadline ?? '',
    rulesJson: JSON.stringify({
      votingRule: pub.votingRule,
      evacuationCostMUsd: pub.evacuationCostMUsd,
      shelterCostMUsd: pub.shelterCostMUsd,
      observationRules: pub.observationRules,
    }),
    missionTypesJson: JSON.stringify(pub.missionTypes),
    bidsJson: JSON.stringify(pub.bids),
    resolutionsJson: JSON.stringify(pub.resolutions),
    trustJson: JSON.stringify(pub.trust),
    scoresJson: JSON.stringify(pub.scores),
    publicInjectsJson: JSON.stringify(pub.injects),
    claimsJson: JSON.stringify(pub.claims),
  });

  if (pub.outcome === null) {
    if (wire.outcome !== undefined) wire.outcome = undefined;
  } else {
    if (wire.outcome === undefined) wire.outcome = new OutcomeWire();
    assign(wire.outcome, { json: JSON.stringify(pub.outcome) });
  }

  const control = all.control!;
  for (const a of control.actors) {
    let w = wire.privates.get(a.actorId);
    if (w === undefined) {
      w = new ActorPrivateWire();
      wire.privates.set(a.actorId, w);
    }
    assign(w, {
      actorId: a.actorId,
      secretBriefing: a.secretBriefing,
      balanceMUsd: a.balanceMUsd,
      ordersJson: JSON.stringify(a.orders),
      privateEstimateJson: JSON.stringify(a.privateEstimate),
      ready: a.ready,
    });
    const actorView = playerView(state, `actor:${a.actorId}`);
    assign(w, {
      agreementsJson: JSON.stringify(actorView.agreements),
      injectsJson: JSON.stringify(actorView.injects.filter((i) => i.targets !== 'all')),
    });
    syncArray(w.messages, actorView.messages.filter((m) => m.to !== 'public'), () => new MessageWire(), updateMessage);
  }
  const controlArea = wire.control.get('control')!;
  assign(controlArea, {
    truthDiameterM: control.truth.diameterM,
    truthDensityKgM3: control.truth.densityKgM3,
    truthEncounterKm: control.truth.encounterKm,
    currentEncounterKm: control.truth.currentEncounterKm,
    injectsJson: JSON.stringify(all.injects),
    observationsJson: JSON.stringify(control.observations),
    overridesJson: JSON.stringify(control.overrides),
    injectTimelineJson: JSON.stringify(control.injectTimeline),
    meanKm: control.estimate.meanKm,
    sigmaKm: control.estimate.sigmaKm,
    impactProbability: control.estimate.impactProbability,
  });
  syncArray(controlArea.spending, control.spending, () => new SpendingWire(), (w, s) => assign(w, { ...s }));
}
