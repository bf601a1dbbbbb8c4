import { ArraySchema, MapSchema, Schema, type, view } from '@colyseus/schema';

// The Colyseus state is a projection of the engine's state, written only by
// `project()` in projection.ts. Fields marked @view() reach only the clients whose
// StateView includes them: an actor's private area goes to that actor's seat and the
// control cell, the control area to the facilitator and evaluators.

export class MessageWire extends Schema {
  @type('string') id = '';
  @type('uint32') round = 0;
  @type('string') from = '';
  @type('string') fromName = '';
  /**
   * Empty for a public message; otherwise the private recipients' actor ids joined by
   * commas. (A string, not an array: schema 3.0 does not patch a primitive array nested
   * in a new element of a view-filtered collection to clients already viewing it.)
   */
  @type('string') to = '';
  @type('string') text = '';
  @type('string') at = '';
}

export class NewsWire extends Schema {
  @type('string') id = '';
  @type('uint32') round = 0;
  @type('string') headline = '';
  @type('string') body = '';
}

export class ExerciseWire extends Schema {
  @type('string') scenarioId = '';
  @type('string') title = '';
  @type('string') summary = '';
  @type('string') phase = 'lobby';
  @type('uint32') round = 0;
  @type('uint32') roundCount = 0;
  @type('string') roundTitle = '';
  @type('string') scenarioDate = '';
  @type('string') potentialImpactDate = '';
  @type('string') endReason = '';
}

export class AsteroidWire extends Schema {
  @type('string') designation = '';
  @type('float64') diameterMinM = 0;
  @type('float64') diameterMaxM = 0;
  @type('float64') entrySpeedKmS = 0;
  @type('float64') entryAngleDeg = 0;
  @type('float64') densityKgM3 = 0;
  @type('float64') captureRadiusKm = 0;
}

export class CorridorPointWire extends Schema {
  @type('float64') lat = 0;
  @type('float64') lon = 0;
  @type('string') label = '';
}

export class CorridorWire extends Schema {
  @type('string') description = '';
  @type([CorridorPointWire]) points = new ArraySchema<CorridorPointWire>();
}

export class ActorWire extends Schema {
  @type('string') id = '';
  @type('string') name = '';
  @type('string') kind = '';
  @type('string') stateOfNationality = '';
  @type('string') briefing = '';
  @type('boolean') ready = false;
}

export class HolderWire extends Schema {
  @type('string') participantId = '';
  @type('string') name = '';
  @type('boolean') connected = true;
}

export class SeatWire extends Schema {
  @type('string') seat = '';
  @type('string') label = '';
  @type([HolderWire]) holders = new ArraySchema<HolderWire>();
}

export class EstimateWire extends Schema {
  @type('uint32') round = 0;
  @type('string') date = '';
  @type('float64') meanKm = 0;
  @type('float64') sigmaKm = 0;
  @type('float64') impactProbability = 0;
}

export class ResultWire extends Schema {
  @type('uint32') round = 0;
  @type('string') date = '';
  @type('float64') observeTotalMUsd = 0;
  @type('float64') deflectTotalMUsd = 0;
  @type('float64') impactProbability = 0;
  @type('int8') torino = 0;
  @type('float64') palermo = 0;
}

/** A mission as everyone sees it. Nested records travel as JSON text (see MessageWire.to for why). */
export class MissionWire extends Schema {
  @type('string') id = '';
  /** The whole public MissionView, as JSON: contributions and dates included. */
  @type('string') json = '';
}

export class OutcomeWire extends Schema {
  /** The whole Outcome (impact point, consequences, liability findings), as JSON: written once, at the end. */
  @type('string') json = '';
}

export class ActorPrivateWire extends Schema {
  @type('string') actorId = '';
  @type('string') secretBriefing = '';
  @type('float64') balanceMUsd = 0;
  /** This round's orders as JSON (`null` until submitted). */
  @type('string') ordersJson = 'null';
  /** The estimate only this actor has while it withholds its tracking data, as JSON (`null` otherwise). */
  @type('string') privateEstimateJson = 'null';
  /** The agreements this actor proposed or is a party to, as JSON. */
  @type('string') agreementsJson = '[]';
  /** Injects addressed to this actor alone or to some actors (not to all), as JSON. */
  @type('string') injectsJson = '[]';
  @type('boolean') ready = false;
  /** Private messages this actor sent or received. */
  @type([MessageWire]) messages = new ArraySchema<MessageWire>();
}

export class SpendingWire extends Schema {
  @type('uint32') round = 0;
  @type('string') actorId = '';
  @type('float64') observeMUsd = 0;
  @type('float64') missionMUsd = 0;
}

export class ControlWire extends Schema {
  /** Evaluators' observations, overrides and the inject timeline, as JSON. */
  @type('string') observationsJson = '[]';
  @type('string') overridesJson = '[]';
  @type('string') injectTimelineJson = '[]';
  /** Every inject fired, controller notes included, as JSON. */
  @type('string') injectsJson = '[]';
  @type('float64') truthDiameterM = 0;
  @type('float64') truthDensityKgM3 = 0;
  @type('float64') truthEncounterKm = 0;
  @type('float64') currentEncounterKm = 0;
  @type('float64') meanKm = 0;
  @type('float64') sigmaKm = 0;
  @type('float64') impactProbability = 0;
  @type([SpendingWire]) spending = new ArraySchema<SpendingWire>();
}

export class ExerciseRoomState extends Schema {
  @type(ExerciseWire) exercise = new ExerciseWire();
  @type(AsteroidWire) asteroid = new AsteroidWire();
  @type(CorridorWire) riskCorridor = new CorridorWire();
  @type([ActorWire]) actors = new ArraySchema<ActorWire>();
  @type([SeatWire]) seats = new ArraySchema<SeatWire>();
  @type([EstimateWire]) estimates = new ArraySchema<EstimateWire>();
  @type([NewsWire]) news = new ArraySchema<NewsWire>();
  @type([MessageWire]) publicMessages = new ArraySchema<MessageWire>();
  @type([ResultWire]) results = new ArraySchema<ResultWire>();
  /** The public mission catalogue, as JSON (it never changes during an exercise). */
  @type('string') missionTypesJson = '[]';
  /** Companies' bids for missions, as JSON. */
  @type('string') bidsJson = '[]';
  @type([MissionWire]) missions = new ArraySchema<MissionWire>();
  /** States that ordered an evacuation, comma-joined. */
  @type('string') evacuations = '';
  /** States that ordered sheltering in place, comma-joined. */
  @type('string') shelters = '';
  @type('boolean') iawnNotified = false;
  @type('boolean') smpagConvened = false;
  @type('boolean') paused = false;
  /** ISO time at which the current phase ends by itself; empty when no timer runs. */
  @type('string') phaseDeadline = '';
  /** Public rules the UI needs (voting rule, evacuation costs, this round's observation rules), as JSON. */
  @type('string') rulesJson = '{}';
  /** Resolutions with their votes, the trust matrix and the final scores, as JSON. */
  @type('string') resolutionsJson = '[]';
  @type('string') trustJson = '[]';
  @type('string') scoresJson = 'null';
  /** Injects addressed to all actors, and the claims presented, as JSON. */
  @type('string') publicInjectsJson = '[]';
  @type('string') claimsJson = '[]';
  @type(OutcomeWire) outcome: OutcomeWire | undefined;
  @view() @type({ map: ActorPrivateWire }) privates = new MapSchema<ActorPrivateWire>();
  /**
   * The control cell's area, under the single key 'control'. (A map rather than a plain
   * @view() child: schema 3.0 sends an empty object for an unviewed child field in the
   * full state a reconnecting client receives; map entries are filtered one by one.)
   */
  @view() @type({ map: ControlWire }) control = new MapSchema<ControlWire>({ control: new ControlWire() });
}
