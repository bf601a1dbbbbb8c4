import type { Phase } from '../../shared/engine/state.js';

// Display formatting: numbers, money, probabilities and dates as the exercise shows them.

/** An impact probability (0..1) as a percentage that keeps small values readable: 0.0042 → "0.42%". */
export function formatProbability(probability: number): string {
  const percent = probability * 100;
  if (percent === 0) return '0%';
  if (percent < 0.001) return '<0.001%';
  if (percent >= 99.95 && percent < 100) return '>99.9%';
  if (percent >= 10) return `${percent.toFixed(1)}%`;
  return `${Number(percent.toPrecision(2))}%`;
}

/** An amount in millions of US dollars: 1500 → "1,500 M USD". */
export function formatMUsd(amountMUsd: number): string {
  return `${amountMUsd.toLocaleString('en-US', { maximumFractionDigits: 1 })} M USD`;
}

/** A large sum in words, as the findings write it: 3600 → "3.6 B USD", 109.4 → "109 M USD". */
export function formatMoney(amountMUsd: number): string {
  return amountMUsd >= 1000 ? `${(Math.round(amountMUsd / 100) / 10).toLocaleString('en-US')} B USD` : `${Math.round(amountMUsd).toLocaleString('en-US')} M USD`;
}

/** A plain quantity to three significant figures with thousands separators: 1000 → "1,000", 68.37 → "68.4". */
export function formatNumber(value: number): string {
  return Number(value.toPrecision(3)).toLocaleString('en-US');
}

/** A distance in kilometres with thousands separators. */
export function formatKm(distanceKm: number): string {
  return `${Math.round(distanceKm).toLocaleString('en-US')} km`;
}

/** An ISO calendar date (YYYY-MM-DD) as "10 March 2031", read in UTC so it never shifts by a day. */
export function formatScenarioDate(isoDate: string): string {
  const ms = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(ms)) return isoDate;
  return new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A wall-clock ISO timestamp as a short local time of day. */
export function formatClockTime(isoTimestamp: string): string {
  const ms = Date.parse(isoTimestamp);
  if (Number.isNaN(ms)) return '';
  return new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

const PHASE_NAMES: Record<string, string> = {
  lobby: 'Lobby',
  briefing: 'Briefing',
  deliberation: 'Deliberation',
  orders: 'Orders',
  resolution: 'Resolution',
  ended: 'Ended',
};

/** The name of a phase as shown to people. */
export function phaseName(phase: string): string {
  return PHASE_NAMES[phase] ?? phase;
}

const ACTOR_KIND_NAMES: Record<string, string> = {
  'space-faring-state': 'Space-faring state',
  'non-space-faring-state': 'Non-space-faring state',
  'private-company': 'Private space company',
  'un-body': 'UN body',
};

/** The name of an actor kind as shown to people. */
export function actorKindName(kind: string): string {
  return ACTOR_KIND_NAMES[kind] ?? kind;
}

/** The label of the facilitator's next step, from where the exercise stands. */
export function advancePhaseLabel(phase: Phase, round: number, roundCount: number): string {
  switch (phase) {
    case 'lobby':
      return 'Start round 1';
    case 'briefing':
      return 'Advance to deliberation';
    case 'deliberation':
      return 'Open orders';
    case 'orders':
      return 'Resolve round';
    case 'resolution':
      return round < roundCount ? `Start round ${round + 1}` : 'Close exercise';
    case 'ended':
      return 'Exercise ended';
  }
}

/** A count of people in words a table reads at a glance: 1234567 → "1.2 million", 4200 → "4,200". */
export function formatPeople(count: number): string {
  const n = Math.round(count);
  if (n >= 1_000_000_000) return `${Number((n / 1_000_000_000).toPrecision(3))} billion`;
  if (n >= 1_000_000) return `${Number((n / 1_000_000).toPrecision(3))} million`;
  return n.toLocaleString('en-US');
}

/** An impact energy in megatons of TNT, with a precision that suits its size. */
export function formatEnergyMt(energyMt: number): string {
  if (energyMt >= 100) return `${Math.round(energyMt).toLocaleString('en-US')} Mt`;
  return `${Number(energyMt.toPrecision(2))} Mt`;
}

/** A Palermo scale value with its sign: -2.345 → "−2.35". */
export function formatPalermo(value: number): string {
  const text = Math.abs(value).toFixed(2);
  return value < 0 ? `−${text}` : text;
}

/** A velocity change in mm/s, small as they are: 0.0421 → "0.042 mm/s". */
export function formatDeltaV(deltaVMmPerS: number): string {
  return `${Number(deltaVMmPerS.toPrecision(2))} mm/s`;
}

/** A date from the view that may be missing: a formatted date or a dash. */
export function formatMaybeDate(isoDate: string | null): string {
  return isoDate ? formatScenarioDate(isoDate) : '—';
}

const MISSION_STATUS_NAMES: Record<string, string> = {
  proposed: 'Proposed, seeking funding',
  building: 'Being built',
  ready: 'Built, ready to launch',
  'launch-ordered': 'Launch ordered',
  'in-flight': 'In flight',
  arrived: 'Arrived',
  failed: 'Lost at launch',
  'too-late': 'Too late: arrives after the encounter',
};

/** A mission's status in words. */
export function missionStatusName(status: string): string {
  return MISSION_STATUS_NAMES[status] ?? status;
}

const MISSION_KIND_NAMES: Record<string, string> = {
  reconnaissance: 'Reconnaissance',
  'kinetic-impactor': 'Kinetic impactor',
  'gravity-tractor': 'Gravity tractor',
  'nuclear-standoff': 'Nuclear stand-off',
};

/** The name of a kind of mission as shown to people. */
export function missionKindName(kind: string): string {
  return MISSION_KIND_NAMES[kind] ?? kind;
}

/**
 * Which way a push moves the impact point, named by the corridor's first or last labelled
 * point: "toward Dhaka". The corridor comes from the view, so this holds for any scenario.
 */
export function directionName(direction: 'toward-start' | 'toward-end', points: readonly { label: string | null }[]): string {
  const labels = points.map((p) => p.label).filter((l): l is string => l !== null);
  const end = direction === 'toward-start' ? labels[0] : labels[labels.length - 1];
  if (end) return `toward ${end}`;
  return direction === 'toward-start' ? 'toward the start of the corridor' : 'toward the end of the corridor';
}

const FINDING_BASIS_NAMES: Record<string, string> = {
  absolute: 'Absolute liability',
  fault: 'Liability for fault',
  'state-responsibility': 'State responsibility (general international law)',
  'common-fund': 'Paid from the common fund',
  'shared-burden': 'Burden shared by the community',
  none: 'No liability',
};

/** The basis of a liability finding in words. */
export function findingBasisName(basis: string): string {
  return FINDING_BASIS_NAMES[basis] ?? basis;
}

const REGIME_NAMES: Record<string, string> = {
  'liability-convention': 'Liability Convention (1972)',
  'liability-convention-strict': 'Liability Convention, strict reading',
  'pd-protocol': 'Planetary-defence liability protocol (proposed)',
  'security-community': 'Planetary-defence security community (proposed)',
};

/** The name of a legal regime as shown to people. */
export function regimeName(regime: string): string {
  return REGIME_NAMES[regime] ?? regime;
}

const AGREEMENT_KIND_NAMES: Record<string, string> = {
  'cost-sharing': 'Cost sharing',
  consultation: 'Prior consultation',
  apportionment: 'Apportionment of liability',
  assistance: 'Request for assistance',
};

/** The name of a kind of agreement as shown to people. */
export function agreementKindName(kind: string): string {
  return AGREEMENT_KIND_NAMES[kind] ?? kind;
}

const AGREEMENT_KIND_HELP: Record<string, string> = {
  'cost-sharing': 'Each party pays its share of a mission in this round’s orders; a party that does not is recorded as in breach.',
  consultation: 'Prior consultation of states about a mission (Outer Space Treaty art. IX); it weighs in the liability findings.',
  apportionment: 'Splits liability for a mission among its launching states (Liability Convention art. V(2)); the shares add up to 100%.',
  assistance: 'Asks one actor for help; refusing costs the refuser your trust.',
};

/** What a kind of agreement does, in one line. */
export function agreementKindHelp(kind: string): string {
  return AGREEMENT_KIND_HELP[kind] ?? '';
}

const AGREEMENT_STATUS_NAMES: Record<string, string> = {
  proposed: 'Proposed, awaiting answers',
  accepted: 'Accepted',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  fulfilled: 'Fulfilled',
  breached: 'Breached',
};

/** An agreement's status in words. */
export function agreementStatusName(status: string): string {
  return AGREEMENT_STATUS_NAMES[status] ?? status;
}

const RESOLUTION_KIND_NAMES: Record<string, string> = {
  'endorse-mission': 'Endorse a mission',
  'mandate-mission': 'Mandate a mission',
  'authorise-nuclear': 'Authorise a nuclear stand-off mission',
  'create-common-fund': 'Create a common fund',
};

/** The name of a kind of UN resolution as shown to people. */
export function resolutionKindName(kind: string): string {
  return RESOLUTION_KIND_NAMES[kind] ?? kind;
}

const RESOLUTION_STATUS_NAMES: Record<string, string> = {
  open: 'Open for votes until the round resolves',
  adopted: 'Adopted',
  failed: 'Not adopted',
};

/** A resolution's status in words. */
export function resolutionStatusName(status: string): string {
  return RESOLUTION_STATUS_NAMES[status] ?? status;
}

const INJECT_CHANNEL_NAMES: Record<string, string> = {
  news: 'News',
  official: 'Official',
  intelligence: 'Intelligence',
};

/** The channel an inject arrived through, in words. */
export function injectChannelName(channel: string): string {
  return INJECT_CHANNEL_NAMES[channel] ?? channel;
}

/** A fraction (0..1) as a percentage with at most one decimal: 0.25 → "25%", 1/3 → "33.3%". */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(1))}%`;
}

const VOTING_RULE_NAMES: Record<string, string> = {
  'simple-majority': 'Simple majority: more yes than no votes (abstentions not counted)',
  'two-thirds': 'Two-thirds of the yes and no votes (abstentions not counted)',
  consensus: 'Consensus: adopted only if some state votes yes and none votes no',
};

/** How the states' votes on a resolution are counted, in words. */
export function votingRuleName(rule: string): string {
  return VOTING_RULE_NAMES[rule] ?? rule;
}

const IN_KIND_NAMES: Record<string, string> = {
  'ground-station': 'ground station',
  science: 'science',
};

/** A contribution in kind as shown to people: "ground station". */
export function inKindName(contribution: string): string {
  return IN_KIND_NAMES[contribution] ?? contribution;
}

const INJECT_STATUS_NAMES: Record<string, string> = {
  fired: 'Fired',
  skipped: 'Skipped',
  scheduled: 'Scheduled',
  'waiting-for-condition': 'Waiting for its condition',
  manual: 'By hand only',
};

/** Where a scripted inject stands, in words. */
export function injectStatusName(status: string): string {
  return INJECT_STATUS_NAMES[status] ?? status;
}

/** A scripted inject's condition (its JSON text) in words; the text itself if it cannot be read. */
export function describeInjectCondition(conditionJson: string): string {
  try {
    return conditionInWords(JSON.parse(conditionJson) as unknown);
  } catch {
    return conditionJson;
  }
}

function conditionInWords(c: unknown): string {
  if (typeof c !== 'object' || c === null) return JSON.stringify(c);
  const o = c as Record<string, unknown>;
  if (typeof o.probabilityAbove === 'number') return `impact probability above ${formatProbability(o.probabilityAbove)}`;
  if (typeof o.probabilityBelow === 'number') return `impact probability below ${formatProbability(o.probabilityBelow)}`;
  if (typeof o.noMissionFundedByRound === 'number') return `no mission funded by round ${o.noMissionFundedByRound}`;
  if (o.missionFailed === true) return 'a mission has failed';
  if (o.assistanceRefused === true) return 'a request for assistance was refused';
  if (typeof o.roundAtLeast === 'number') return `round ${o.roundAtLeast} or later`;
  if (Array.isArray(o.all)) return o.all.map(conditionInWords).join(' and ');
  if (Array.isArray(o.any)) return o.any.map(conditionInWords).join(' or ');
  return JSON.stringify(c);
}
