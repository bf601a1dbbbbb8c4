import type { PublicActor } from '../../shared/engine/view.js';
import { useDeflect } from './useDeflect.js';

const NO_ACTORS: PublicActor[] = [];

/** The table's actors by id, for naming them; an unknown id names itself. */
export function useActorNames(): (actorId: string) => string {
  const actors = useDeflect((s) => s.view?.actors ?? NO_ACTORS);
  const names = new Map(actors.map((a) => [a.id, a.name]));
  return (actorId) => names.get(actorId) ?? actorId;
}
