// Key moments: what a debrief talks about, found in the log.
import type { EventOf, MissionProgress, Outcome } from '../engine/events.js';
import type { ExerciseState, Phase } from '../engine/state.js';
import { tableHazard } from '../engine/warning.js';
import { isFinding } from '../law/finding.js';
import { COMMON_FUND, COMMUNITY } from '../law/case.js';
import { IAWN_MIN_DIAMETER_M, IAWN_MIN_PROBABILITY, PREPAREDNESS_MAX_YEARS, PREPAREDNESS_MIN_DIAMETER_M, PREPAREDNESS_MIN_PROBABILITY, SMPAG_MAX_YEARS, SMPAG_MIN_DIAMETER_M, SMPAG_MIN_PROBABILITY } from '../physics/hazard.js';
import { foldLog, type FoldStep } from './fold.js';
import type { DebriefLog } from './log.js';
import { overrideSentence, resolutionWords } from './timeline.js';
import { actorName, clause, excerpt, listWords, moneyMUsd, partyName, percent, phaseWords, shiftWords, wholeNumber } from './words.js';

export const momentKinds = ['threshold', 'mission', 'agreement', 'assistance', 'inject', 'override', 'encounter', 'finding', 'evacuation', 'un'] as const;
export type MomentKind = (typeof momentKinds)[number];

export interface KeyMoment {
  /** The event it links to in the timeline. */
  seq: number;
  round: number;
  scenarioDate: string;
  kind: MomentKind;
  /** A short title: "IAWN notification: impact probability above 1 %". */
  title: string;
  /** One or two plain sentences: what it meant and, for injects, what the table did in the next phase. */
  detail: string;
  /** The scenario actors it concerns (empty: the whole table). */
  actorIds: string[];
}

/** The international thresholds a debrief follows (physics/hazard.ts). */
export const thresholdIds = ['iawn', 'smpag', 'preparedness'] as const;
export type ThresholdId = (typeof thresholdIds)[number];

/** Where a threshold was first crossed: the event that showed it, its round and the probability then. */
export interface ThresholdCrossing {
  threshold: ThresholdId;
  seq: number;
  round: number;
  scenarioDate: string;
  impactProbability: number;
}

const THRESHOLD_TITLES: Record<ThresholdId, string> = {
  iawn: `IAWN threshold: impact probability above ${IAWN_MIN_PROBABILITY * 100} %`,
  smpag: `SMPAG threshold: mission options warranted above ${SMPAG_MIN_PROBABILITY * 100} %`,
  preparedness: `Terrestrial preparedness threshold: impact probability above ${PREPAREDNESS_MIN_PROBABILITY * 100} %`,
};

const THRESHOLD_MEANING: Record<ThresholdId, string> = {
  iawn: `IAWN notifies the United Nations of a body over ${IAWN_MIN_DIAMETER_M} m whose impact probability exceeds ${IAWN_MIN_PROBABILITY * 100} %.`,
  smpag: `SMPAG works out mission options for a body over ${SMPAG_MIN_DIAMETER_M} m above ${SMPAG_MIN_PROBABILITY * 100} % within ${SMPAG_MAX_YEARS} years.`,
  preparedness: `States at risk should prepare on the ground for a body over ${PREPAREDNESS_MIN_DIAMETER_M} m above ${PREPAREDNESS_MIN_PROBABILITY * 100} % within ${PREPAREDNESS_MAX_YEARS} years.`,
};

/**
 * The first crossing of each threshold: by the first estimate (seen when the first round
 * starts) or by a round's resolution, judged by `tableHazard`, the rule the engine uses.
 */
export function thresholdCrossings(log: DebriefLog): Record<ThresholdId, ThresholdCrossing | null> {
  const crossed: Record<ThresholdId, ThresholdCrossing | null> = { iawn: null, smpag: null, preparedness: null };
  foldLog(log, (step) => {
    for (const c of crossingsAt(step)) if (crossed[c.threshold] === null) crossed[c.threshold] = c;
  });
  return crossed;
}

/** The thresholds the state after this step is above, when the step published an estimate. */
function crossingsAt({ event, before, after, logged }: FoldStep): ThresholdCrossing[] {
  let hazardState: ExerciseState;
  let p: number;
  if (event.type === 'RoundStarted' && before.round === 0) {
    hazardState = after;
    p = after.estimate.impactProbability;
  } else if (event.type === 'RoundResolved') {
    // As the resolution judged it (resolution.ts hazardScales): the round's date, the new estimate.
    hazardState = before;
    p = event.estimate.impactProbability;
  } else {
    return [];
  }
  const hazard = tableHazard(hazardState, p);
  const above: Record<ThresholdId, boolean> = { iawn: hazard.iawnNotify, smpag: hazard.smpagOptions, preparedness: hazard.terrestrialPreparedness };
  return thresholdIds
    .filter((t) => above[t])
    .map((threshold) => ({ threshold, seq: logged.seq, round: after.round, scenarioDate: after.scenarioDate, impactProbability: p }));
}

/** The key moments of a log, in order. */
export function keyMoments(log: DebriefLog): KeyMoment[] {
  const moments: KeyMoment[] = [];
  const crossed = new Set<ThresholdId>();
  let encounterSeen = false;
  /** For each event, the phase it fell in (counted from 0) and what the table did with it. */
  const activity: { phase: number; label: string; what: 'talk' | 'orders' | 'missions' | 'agreements' | null; actorId: string | null }[] = [];
  const injects: { at: number; moment: KeyMoment; targets: 'all' | string[] }[] = [];
  let phaseCount = 0;

  foldLog(log, (step) => {
    const { event, before, after, logged, index } = step;
    if (after.phase !== before.phase || after.round !== before.round) phaseCount++;
    activity.push({ phase: phaseCount, label: phaseLabel(after.round, after.phase), ...activityOf(step) });
    const name = (id: string) => actorName(log.scenario, id);
    const at = (kind: MomentKind, title: string, detail: string, actorIds: string[] = [], date = after.scenarioDate): KeyMoment => {
      const moment = { seq: logged.seq, round: after.round, scenarioDate: date, kind, title, detail, actorIds };
      moments.push(moment);
      return moment;
    };

    for (const c of crossingsAt(step)) {
      if (crossed.has(c.threshold)) continue;
      crossed.add(c.threshold);
      const how = event.type === 'RoundStarted' ? 'The first estimate already put' : `Round ${c.round}'s resolution put`;
      at('threshold', THRESHOLD_TITLES[c.threshold], `${how} the impact probability at ${percent(c.impactProbability)}. ${THRESHOLD_MEANING[c.threshold]}`);
    }

    switch (event.type) {
      case 'IawnNotificationIssued':
        at('un', 'IAWN notification issued', `IAWN told the United Nations the asteroid had a ${percent(event.impactProbability)} probability of striking the Earth.`);
        break;
      case 'SmpagOptionsPublished': {
        const inTime = event.options.filter((o) => o.arrivesBeforeEncounter);
        const best = inTime.filter((o) => o.nominalShiftKm !== null).sort((x, y) => Math.abs(y.nominalShiftKm!) - Math.abs(x.nominalShiftKm!))[0];
        at(
          'un',
          'SMPAG publishes mission options',
          `SMPAG listed ${event.options.length} mission options, ${inTime.length} of which could arrive before the encounter${best ? `; the strongest, the ${best.name} (${moneyMUsd(best.costMUsd)}), would nominally move the impact point ${wholeNumber(Math.abs(best.nominalShiftKm!))} km` : ''}.`,
        );
        break;
      }
      case 'MissionProposed':
        at(
          'mission',
          `Mission proposed: ${event.name}`,
          `${name(event.lead)} proposed the ${event.name} at ${moneyMUsd(event.costMUsd)}, to push the asteroid toward the ${event.direction === 'toward-start' ? 'start' : 'end'} of the risk corridor.`,
          [event.lead],
        );
        break;
      case 'MissionAuthorised':
        if (!event.granted) {
          const m = before.missions[event.missionId];
          at('mission', `Authorisation refused: ${m?.name ?? 'a mission'}`, `${name(event.by)} refused to authorise the ${m?.name ?? 'mission'}, which its company could not fly without it.`, [event.by, ...(m ? [m.lead] : [])]);
        }
        break;
      case 'AgreementResponded': {
        const a = before.agreements[event.agreementId];
        if (a && a.kind === 'assistance' && !event.accept) {
          at('assistance', `Assistance refused: ${name(event.actorId)} to ${name(a.proposer)}`, `${name(a.proposer)} asked ${name(event.actorId)} for assistance (“${excerpt(a.text, 120)}”) and was refused.`, [a.proposer, event.actorId]);
        }
        break;
      }
      case 'EvacuationOrdered':
        at(
          'evacuation',
          event.level === 'shelter' ? `${name(event.actorId)} shelters in place` : `${name(event.actorId)} evacuates`,
          event.level === 'shelter'
            ? `${name(event.actorId)} told its people in the risk corridor to shelter in place (${moneyMUsd(event.costMUsd)}).`
            : `${name(event.actorId)} ordered the evacuation of its territory in the risk corridor (${moneyMUsd(event.costMUsd)}).`,
          [event.actorId],
        );
        break;
      case 'InjectFired': {
        const to = event.targets === 'all' ? 'everyone' : listWords(event.targets.map(name));
        const moment = at('inject', `Inject: ${clause(event.headline)}`, `${event.persona} (${event.channel}) to ${to}.`, event.targets === 'all' ? [] : [...event.targets]);
        injects.push({ at: index, moment, targets: event.targets });
        break;
      }
      case 'ValueOverridden':
        at('override', `Control cell override`, overrideSentence(before, event), event.target === 'actor-budget' && event.subject ? [event.subject] : []);
        break;
      case 'RoundResolved':
        for (const p of event.missions) missionMoment(before, after, event, p, at);
        for (const s of event.agreements) {
          const a = before.agreements[s.agreementId];
          if (!a) continue;
          const what = `${a.kind.replace(/-/g, ' ')} agreement${a.missionId ? ` on the ${before.missions[a.missionId]?.name ?? 'mission'}` : ''}`;
          const members = [a.proposer, ...a.parties];
          if (s.result === 'fulfilled') at('agreement', `Agreement kept: ${what}`, `${listWords(members.map(name))} paid what they had promised by round ${event.round}.`, members);
          else
            at(
              'agreement',
              `Agreement broken: ${what}`,
              `${listWords(s.breachedBy.map(name))} did not pay ${s.breachedBy.length === 1 ? 'its' : 'their'} promised share (${listWords(s.breachedBy.map((id) => moneyMUsd(a.shares[id] ?? 0)))}) by round ${event.round}.`,
              members,
            );
        }
        for (const r of event.resolutions) {
          const spec = before.resolutions[r.resolutionId];
          const what = spec ? resolutionWords(before, spec.kind, spec.missionId) : 'a resolution';
          const veto = r.vetoedBy && r.vetoedBy.length > 0 ? `; vetoed by ${listWords(r.vetoedBy.map(name))}` : '';
          at('un', `UN resolution ${r.adopted ? 'adopted' : 'rejected'}: ${what}`, `The vote was ${r.yes} for, ${r.no} against and ${r.abstain} abstaining${veto}.`);
        }
        if (event.outcome && !encounterSeen) {
          encounterSeen = true;
          outcomeMoments(log, event.outcome, at);
        }
        break;
      case 'ExerciseEnded':
        if (event.outcome && !encounterSeen) {
          encounterSeen = true;
          outcomeMoments(log, event.outcome, at);
        }
        break;
      case 'ParticipantJoined':
      case 'DelegationRequested':
      case 'DelegationRequestAnswered':
      case 'TalkQuotaSet':
      case 'ParticipantLeft':
      case 'SeatClaimed':
      case 'SeatReleased':
      case 'RoundStarted':
      case 'NewsPublished':
      case 'PhaseChanged':
      case 'MessagePosted':
      case 'OrdersSubmitted':
      case 'StatementPosted':
      case 'BidSubmitted':
      case 'BidAccepted':
      case 'ExercisePaused':
      case 'ExerciseResumed':
      case 'PhaseTimerSet':
      case 'PhaseTimerExpired':
      case 'InjectSkipped':
      case 'ObservationRecorded':
      case 'TrackingDataPolicySet':
      case 'InKindContributed':
      case 'MissionLaunchOrdered':
      case 'AgreementProposed':
      case 'AgreementWithdrawn':
      case 'ResolutionProposed':
      case 'VoteCast':
      case 'TrustChanged':
      case 'ClaimFiled':
      case 'ReadinessChanged':
      case 'ExerciseBranched':
        break;
      default: {
        const _never: never = event;
        return _never;
      }
    }
  });

  for (const inject of injects) inject.moment.detail += ` ${followUp(activity, inject.at, inject.targets, log)}`;
  return moments;
}

type At = (kind: MomentKind, title: string, detail: string, actorIds?: string[], date?: string) => KeyMoment;

function phaseLabel(round: number, phase: Phase): string {
  if (phase === 'lobby' || phase === 'ended') return phaseWords(phase);
  return `the ${phase} phase of round ${round}`;
}

/** What an event was, as a table's response to an inject is counted. */
function activityOf({ event, before }: FoldStep): { what: 'talk' | 'orders' | 'missions' | 'agreements' | null; actorId: string | null } {
  if (event.type === 'MessagePosted') return { what: 'talk', actorId: event.from.startsWith('actor:') ? event.from.slice('actor:'.length) : null };
  if (event.type === 'StatementPosted') return { what: 'talk', actorId: event.actorId };
  if (event.type === 'OrdersSubmitted' || event.type === 'EvacuationOrdered') return { what: 'orders', actorId: event.actorId };
  if (event.type === 'MissionProposed') return { what: 'missions', actorId: event.lead };
  if (event.type === 'MissionLaunchOrdered') return { what: 'missions', actorId: before.missions[event.missionId]?.lead ?? null };
  if (event.type === 'AgreementProposed') return { what: 'agreements', actorId: event.proposer };
  return { what: null, actorId: null };
}

/** What the table did from an inject to the end of the phase after the one it fired in. */
function followUp(activity: readonly { phase: number; label: string; what: string | null; actorId: string | null }[], from: number, targets: 'all' | string[], log: DebriefLog): string {
  const firedIn = activity[from]!.phase;
  const counts = { talk: 0, orders: 0, missions: 0, agreements: 0 };
  const byTargets = { talk: 0, orders: 0, missions: 0, agreements: 0 };
  let until = activity[from]!.label;
  for (let i = from + 1; i < activity.length && activity[i]!.phase <= firedIn + 1; i++) {
    const a = activity[i]!;
    until = a.label;
    if (a.what === null) continue;
    counts[a.what as keyof typeof counts]++;
    if (targets !== 'all' && a.actorId !== null && targets.includes(a.actorId)) byTargets[a.what as keyof typeof counts]++;
  }
  const did = (c: typeof counts) =>
    listWords([
      `${c.talk} message${c.talk === 1 ? '' : 's'}`,
      `${c.orders} order${c.orders === 1 ? '' : 's'}`,
      `${c.missions} mission decision${c.missions === 1 ? '' : 's'}`,
      `${c.agreements} agreement proposal${c.agreements === 1 ? '' : 's'}`,
    ]);
  const own = targets === 'all' ? '' : ` (${listWords(targets.map((id) => actorName(log.scenario, id)))}: ${did(byTargets)})`;
  return `By the end of ${until}, the table answered with ${did(counts)}${own}.`;
}

function missionMoment(before: ExerciseState, after: ExerciseState, event: EventOf<'RoundResolved'>, p: MissionProgress, at: At): void {
  const m = after.missions[p.missionId] ?? before.missions[p.missionId];
  if (!m) return;
  const who = [m.lead];
  switch (p.change) {
    case 'funded': {
      const payers = Object.entries(m.contributions).filter(([, v]) => v > 0);
      const by = payers.length > 0 ? ` by ${listWords(payers.map(([id, v]) => `${actorName(after.scenario, id)} (${moneyMUsd(v)})`))}` : '';
      at('mission', `Mission funded: ${m.name}`, `The ${m.name} was fully funded${by} and began its ${m.buildMonths}-month build.`, who, p.date);
      return;
    }
    case 'launched':
      at('mission', `Mission launched: ${m.name}`, `The ${m.name} launched on ${p.date}${m.arrivalDate ? ` and was due to arrive on ${m.arrivalDate}` : ''}.`, who, p.date);
      return;
    case 'launch-failed':
      at('mission', `Mission lost: ${m.name}`, `The launch of the ${m.name} failed (it was ${percent(m.reliability)} reliable): ${moneyMUsd(m.fundedMUsd)} lost.`, who, p.date);
      return;
    case 'arrived': {
      const estimate = `The impact probability went from ${percent(before.estimate.impactProbability)} to ${percent(event.estimate.impactProbability)} at this resolution.`;
      if (p.sigmaFactor !== null) {
        const measured = p.measured && p.measured.length > 0 ? ` It measured the push of the ${listWords(p.measured.map((id) => after.missions[id]?.name ?? id))}.` : '';
        at('mission', `Mission arrived: ${m.name}`, `The ${m.name} reached the asteroid and cut the uncertainty of its orbit to ${percent(p.sigmaFactor)} of what it was.${measured} ${estimate}`, who, p.date);
        return;
      }
      const shift = p.shiftKm !== null ? `moved the impact point ${shiftWords(p.shiftKm)}` : 'reached the asteroid';
      const expected = p.expectedShiftKm !== undefined ? ` (the table could expect ${shiftWords(p.expectedShiftKm)})` : '';
      const broke = p.disrupted ? ` The asteroid broke apart; a fragment of ${percent(p.fragmentMassFraction)} of its mass went on.` : '';
      at('mission', `Mission arrived: ${m.name}`, `The ${m.name} ${shift}${expected}.${broke} ${estimate}`, who, p.date);
      return;
    }
    case 'arrives-too-late':
      at('mission', `Mission too late: ${m.name}`, `The ${m.name} would arrive on ${p.date}, after the encounter.`, who, p.date);
      return;
    case 'ready':
      return;
    default: {
      const _never: never = p.change;
      return _never;
    }
  }
}

const BASIS_WORDS: Record<string, string> = {
  absolute: 'absolute liability',
  fault: 'liability for fault',
  'state-responsibility': 'state responsibility',
  'common-fund': 'the common fund pays',
  'shared-burden': 'a shared burden',
  none: 'no basis in law',
};

function outcomeMoments(log: DebriefLog, outcome: Outcome, at: At): void {
  if (outcome.kind !== 'impact') {
    at('encounter', outcome.kind === 'deflected' ? 'The encounter: the deflection worked' : 'The encounter: the asteroid missed the Earth', outcome.summary);
    return;
  }
  const c = outcome.consequences;
  const name = (id: string) => partyName(log.scenario, c, id);
  const where = outcome.impactPoint.countryName ?? 'the open sea';
  at('encounter', `The encounter: impact in ${where}`, `${clause(outcome.summary)}. ${wholeNumber(c.casualties)} people died and the damage came to ${moneyMUsd(c.damageMUsd)}.`);
  for (const f of c.liability.findings) {
    if (!isFinding(f)) {
      at('finding', 'Finding: the law could not judge', `The damage ${f.damageId} could not be judged: ${clause(f.error)}.`);
      continue;
    }
    const liable = f.liable.length > 0 ? listWords(f.liable.map(name)) : 'No one';
    const to = f.claimants.length > 0 ? ` to ${name(f.claimants[0]!)}` : '';
    const claimants = f.claimants.length > 0 ? ` ${listWords(f.claimants.map(name))} may claim.` : '';
    at(
      'finding',
      `Finding: ${liable} ${f.liable.length === 0 ? 'is liable' : 'answers'}${to} (${BASIS_WORDS[f.basis] ?? f.basis})`,
      `${excerpt(f.reasoning, 280)}${claimants}`,
      f.liable.filter((id) => id !== COMMON_FUND && id !== COMMUNITY),
    );
  }
}
