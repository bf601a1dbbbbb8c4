import { createStore } from 'zustand/vanilla';
import type { SeatKind } from '../../shared/engine/seats.js';

// The "how to play this seat" cards a first-time participant reads on arriving at a seat:
// what the seat is, what to do each phase and where things are, in a few short sentences.
// Dismissed once, a card stays dismissed for that exercise and seat in this browser.

/** The roles that get a card (the projector gets none: nobody plays it). */
export type FirstMinuteRole = 'space-faring-state' | 'non-space-faring-state' | 'private-company' | 'un-body' | 'actor' | 'facilitator' | 'evaluator';

const WHERE_ACTOR = '“Waiting for you” at the top says what the table expects of you now; the tabs hold the rest, and a number on a tab means something new.';
const ROUND_ACTOR = 'Each round: read the news, talk and make deals, then give your orders in secret, submit them and press Ready.';

/** The card of each role: a title and three to five short sentences for someone who has never played. */
export const FIRST_MINUTE_CARDS: Record<FirstMinuteRole, { title: string; sentences: string[] }> = {
  'space-faring-state': {
    title: 'You speak for a state that can launch spacecraft',
    sentences: [
      'An asteroid may strike the Earth; your job is to protect your people and keep the world on your side.',
      ROUND_ACTOR,
      'You can propose a deflection mission, pay into it in your orders, and you must authorise launches by your own companies.',
      WHERE_ACTOR,
    ],
  },
  'non-space-faring-state': {
    title: 'You speak for a state that cannot launch spacecraft',
    sentences: [
      'An asteroid may strike the Earth, perhaps your own territory; you cannot launch, but you can pay, ask and persuade.',
      ROUND_ACTOR,
      'You can fund missions that others fly, ask other states for help in an agreement, and protect your people if you are at risk.',
      WHERE_ACTOR,
    ],
  },
  'private-company': {
    title: 'You run a private space company',
    sentences: [
      'An asteroid may strike the Earth, and states need someone to build and fly the missions that could deflect it.',
      'Each round: read the news, offer to build missions (a price, a build time and a reliability) while the table talks, then give your orders, submit them and press Ready.',
      'The state that leads a mission decides whether to hire you, and your own state must authorise your launch.',
      WHERE_ACTOR,
    ],
  },
  'un-body': {
    title: 'You speak for a United Nations body',
    sentences: [
      'An asteroid may strike the Earth; you help the states agree on what to do and who answers for it.',
      'Each round: read the news, propose resolutions and guide the talks (deliberation), then give your orders, submit them and press Ready.',
      'You cannot launch anything yourself: your tools are votes, statements and advice.',
      WHERE_ACTOR,
    ],
  },
  actor: {
    title: 'You speak for one of the actors at the table',
    sentences: ['An asteroid may strike the Earth; the table decides together what to do about it.', ROUND_ACTOR, WHERE_ACTOR],
  },
  facilitator: {
    title: 'You run the exercise (control cell)',
    sentences: [
      'You see everything, including every secret briefing and private message; the players see only their own.',
      'The big button moves the table to the next phase: briefing, deliberation, orders, then the round resolves once everyone is ready or you resolve it.',
      'Send injects (news written on the spot or from the script), set a timer, pause, and correct values with a stated reason.',
      'Hand out the join code to players; the evaluator key only to evaluators.',
    ],
  },
  evaluator: {
    title: 'You observe and take notes (evaluator)',
    sentences: [
      'You see everything the control cell sees, but you steer nothing: the players never see you or your notes.',
      'Each phase, watch the messages, the news and the seats, and write down what the table does well or badly.',
      'Record each observation in the pad (actor, capability, what happened, an optional rating); the control cell reads them in the debrief.',
    ],
  },
};

/** The card of a seat, from its kind and, for an actor, the actor's kind; null for the projector. */
export function firstMinuteRole(seatKind: SeatKind, actorKind: string | null): FirstMinuteRole | null {
  switch (seatKind) {
    case 'actor':
      return actorKind !== null && actorKind in FIRST_MINUTE_CARDS ? (actorKind as FirstMinuteRole) : 'actor';
    case 'facilitator':
    case 'evaluator':
      return seatKind;
    case 'display':
      return null;
    default: {
      const never: never = seatKind;
      return never;
    }
  }
}

/** The localStorage key remembering that a seat's card was dismissed in an exercise. */
export function firstMinuteKey(exerciseId: string, seat: string): string {
  return `deflect:first-minute:${exerciseId}:${seat}`;
}

/** Whether the card for this exercise and seat was dismissed in this browser (storage that fails counts as not dismissed). */
export function wasDismissed(storage: Pick<Storage, 'getItem'> | null, exerciseId: string, seat: string): boolean {
  try {
    return storage?.getItem(firstMinuteKey(exerciseId, seat)) === 'dismissed';
  } catch {
    return false;
  }
}

/** Remembers that this seat's card was dismissed in this exercise. */
export function rememberDismissed(storage: Pick<Storage, 'setItem'> | null, exerciseId: string, seat: string): void {
  try {
    storage?.setItem(firstMinuteKey(exerciseId, seat), 'dismissed');
  } catch {
    // Private browsing may refuse storage: the card then comes back on the next visit, which is harmless.
  }
}

/** Whether the header's "How to play" asked to show the card again (shared by the header and the card). */
export const howToPlayStore = createStore<{ requested: number }>(() => ({ requested: 0 }));

/** Asks the seat's card to show again, and to take the focus. */
export function requestHowToPlay(): void {
  howToPlayStore.setState((s) => ({ requested: s.requested + 1 }));
}
