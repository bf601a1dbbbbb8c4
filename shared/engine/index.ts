/** The exercise engine: a decider (`decide`, `evolve`, `initialState`) plus the views and legal moves derived from its state. */
export * from './branch.js';
export * from './commands.js';
export * from './decide.js';
export * from './errors.js';
export * from './events.js';
export * from './evolve.js';
export * from './hash.js';
export * from './legal.js';
export * from './observation.js';
export * from './seats.js';
export * from './state.js';
export * from './view.js';
export { RULES_VERSION, replayStored, roleOfJoined, upcastEvent, type StoredEventData } from './version.js';
export { hseepRating } from './vocabulary.js';
