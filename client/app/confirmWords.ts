import { formatMUsd } from './format.js';

// What a confirmation dialog says before a costly or irreversible act: a question and, in
// plain words, what it costs and whether it can be undone.

/** A question to put to the person before a command is sent. */
export interface ConfirmQuestion {
  /** The question, naming the act and what it acts on. */
  question: string;
  /** What it costs, in plain words: how much of what, when, and what cannot be undone. */
  cost: string;
  /** The label of the button that goes ahead (a verb, never "OK"). */
  confirmLabel: string;
}

/** A contribution asks first from this share of the actor's balance up… */
export const LARGE_CONTRIBUTION_SHARE = 0.25;
/** …or from this amount (M USD), whichever is reached first. */
export const LARGE_CONTRIBUTION_MUSD = 100;

/** Whether paying `amountMUsd` into missions is large enough to ask first: a quarter of the balance or 100 M USD. */
export function isLargeContribution(amountMUsd: number, balanceMUsd: number): boolean {
  if (!(amountMUsd > 0)) return false;
  return amountMUsd >= LARGE_CONTRIBUTION_MUSD || amountMUsd >= LARGE_CONTRIBUTION_SHARE * balanceMUsd;
}

/** `Kenya's`, `the United States'`: an actor's name in the possessive. */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}’` : `${name}’s`;
}

/** "It costs 150 M USD of your 210 M USD, now" — the amount set against the balance it comes from. */
function ofYour(costMUsd: number, balanceMUsd: number | null): string {
  return balanceMUsd === null ? formatMUsd(costMUsd) : `${formatMUsd(costMUsd)} of your ${formatMUsd(balanceMUsd)}`;
}

/** Before a state evacuates its territory at risk, or orders its people there to shelter in place. */
export function evacuationQuestion(level: 'evacuate' | 'shelter', stateName: string, costMUsd: number, balanceMUsd: number | null): ConfirmQuestion {
  return level === 'evacuate'
    ? {
        question: `Evacuate ${possessive(stateName)} territory at risk?`,
        cost: `It costs ${ofYour(costMUsd, balanceMUsd)}, now, and is wasted if the asteroid misses. It cannot be undone.`,
        confirmLabel: 'Evacuate',
      }
    : {
        question: `Order ${possessive(stateName)} people at risk to shelter in place?`,
        cost: `It costs ${ofYour(costMUsd, balanceMUsd)}, now, spares fewer people than an evacuation and is wasted if the asteroid misses. It cannot be undone.`,
        confirmLabel: 'Shelter in place',
      };
}

/** Before orders that pay a large sum into missions; `missions` names them. */
export function contributionQuestion(amountMUsd: number, balanceMUsd: number, missions: readonly string[]): ConfirmQuestion {
  const into = missions.length === 0 ? 'missions' : missions.length === 1 ? missions[0]! : `${missions.slice(0, -1).join(', ')} and ${missions[missions.length - 1]!}`;
  return {
    question: `Pay ${formatMUsd(amountMUsd)} into ${into}?`,
    cost: `It is ${ofYour(amountMUsd, balanceMUsd)}, paid when the round resolves. You can change your orders until you mark yourself ready; after that the money is gone, whether or not the mission flies.`,
    confirmLabel: 'Submit orders',
  };
}

/** Before the lead launches a mission. */
export function launchQuestion(missionName: string): ConfirmQuestion {
  return {
    question: `Launch ${missionName}?`,
    cost: 'A launch cannot be called back: the mission flies as built, and the states that launch it, or procure its launch, answer for what it does.',
    confirmLabel: 'Launch',
  };
}

/** Before the facilitator moves a participant to another seat. */
export function moveQuestion(participantName: string, seatLabel: string): ConfirmQuestion {
  return {
    question: `Move ${participantName} to ${seatLabel}?`,
    cost: `${participantName} leaves their seat at once and acts as ${seatLabel} from now on; the move is recorded in the log.`,
    confirmLabel: 'Move',
  };
}

/** Before the facilitator overrides a value of the exercise. */
export function overrideQuestion(what: string): ConfirmQuestion {
  return {
    question: `Override ${what}?`,
    cost: 'It changes the exercise for every seat at once, and the override is recorded in the log and the debrief.',
    confirmLabel: 'Override',
  };
}

/** Before the facilitator ends the exercise early. */
export function endQuestion(): ConfirmQuestion {
  return {
    question: 'End the exercise for everyone?',
    cost: 'Nobody can act after this: the remaining rounds are not played and the debrief starts from here. It cannot be undone.',
    confirmLabel: 'End exercise',
  };
}
