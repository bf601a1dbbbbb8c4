// The shape of what a participant may do, apart from the rules that compute it, so the
// client can hold it without bundling the engine.
import type { CommandType } from './commands.js';
import type { SeatId } from './seats.js';

/** What a participant may do right now: the UI enables its controls from this and nothing else. */
export interface LegalCommands {
  commands: CommandType[];
  claimableSeats: SeatId[];
  /** Actors whose delegation this participant may ask to join (`RequestDelegation`): held seats, no request of its own pending for them. */
  joinableDelegations: string[];
  /** Pending delegation requests this participant may accept or decline (`AnswerDelegationRequest`). */
  answerableDelegationRequests: string[];
  privateRecipients: string[];
  /** Actors who may build and launch a mission this participant proposes (its own agency, companies). */
  missionProviders: string[];
  /** Missions this participant may launch now / authorise / still fund. */
  launchableMissions: string[];
  authorisableMissions: string[];
  fundableMissions: string[];
  /** Agreements this participant may answer / withdraw; resolutions it may vote on. */
  respondableAgreements: string[];
  withdrawableAgreements: string[];
  votableResolutions: string[];
  /** Missions this participant may bid for, bids it may accept, missions it may help in kind. */
  biddableMissions: string[];
  acceptableBids: string[];
  inKindMissions: string[];
  /** Control cell: scenario injects that can still be fired or skipped by hand. */
  fireableInjects: string[];
  skippableInjects: string[];
}

/** Nothing allowed: a participant who has not joined, or a client not yet told. */
export const NO_LEGAL_COMMANDS: LegalCommands = {
  commands: [],
  claimableSeats: [],
  joinableDelegations: [],
  answerableDelegationRequests: [],
  privateRecipients: [],
  missionProviders: [],
  launchableMissions: [],
  authorisableMissions: [],
  fundableMissions: [],
  respondableAgreements: [],
  withdrawableAgreements: [],
  votableResolutions: [],
  biddableMissions: [],
  acceptableBids: [],
  inKindMissions: [],
  fireableInjects: [],
  skippableInjects: [],
};
