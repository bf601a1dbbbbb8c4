// Warnings before a player commits: shown next to a mission contribution field and in the
// proposal form, foreseen by the engine's own rules (shared/engine/foresight.ts) — whether the
// money makes the state a launching state, and whether the push heads for a country that was
// not consulted. The world map's outlines load lazily, as the map's do; until they arrive only
// the legal warning shows.
import { useEffect, useMemo, useState } from 'react';
import type { MissionState } from '../../shared/engine/state.js';
import { actorOfSeat } from '../../shared/engine/seats.js';
import { commitmentWarnings, type CountryAt } from '../../shared/engine/foresight.js';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { GlossaryText } from './Glossary.js';
import { useDeflect } from './useDeflect.js';
import './commitmentWarnings.css';

let locating: Promise<CountryAt> | null = null;

/** Which country lies where, from the Natural Earth outlines, loaded once per page (a failed load is forgotten, so a later call retries). */
function loadCountryAt(): Promise<CountryAt> {
  locating ??= Promise.all([import('world-atlas/countries-110m.json'), import('../../shared/geo/countries.js')])
    .then(([atlas, geo]) => {
      const topology = atlas.default as unknown as Topology;
      if (topology.objects['countries']?.type !== 'GeometryCollection') throw new Error('The world map has no countries.');
      const locator = geo.createCountryLocator(topology as Topology<{ countries: GeometryCollection }>, () => undefined);
      return (lat: number, lon: number) => {
        const c = locator.countryAt(lat, lon);
        return c ? { iso3: c.iso3, name: c.name } : null;
      };
    })
    .catch((error: unknown) => {
      locating = null;
      throw error;
    });
  return locating;
}

/**
 * What the player should know before committing: for a contribution (`missionId` and
 * `amountMUsd`), whether paying makes it a launching state and whether the mission's push heads
 * for an unconsulted country; for a proposal (`direction`), the same for the push it proposes.
 * Renders nothing when there is nothing to warn about.
 */
export function CommitmentWarnings({ missionId, amountMUsd, direction }: { missionId?: string; amountMUsd?: number; direction?: MissionState['direction'] }) {
  const view = useDeflect((s) => s.view);
  const actorId = useDeflect((s) => actorOfSeat(s.mySeat));
  const [countryAt, setCountryAt] = useState<CountryAt | undefined>(undefined);
  useEffect(() => {
    let live = true;
    loadCountryAt().then(
      (f) => live && setCountryAt(() => f),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const warnings = useMemo(() => {
    if (!view || !actorId) return [];
    if (direction !== undefined && (missionId === undefined || amountMUsd === undefined)) return commitmentWarnings(view, actorId, { kind: 'proposal', direction }, countryAt);
    if (missionId !== undefined && amountMUsd !== undefined && amountMUsd > 0) return commitmentWarnings(view, actorId, { kind: 'contribution', missionId, amountMUsd }, countryAt);
    return [];
  }, [view, actorId, missionId, amountMUsd, direction, countryAt]);
  if (warnings.length === 0) return null;
  return (
    <ul className="commitment-warnings" data-testid={missionId ? `commitment-warnings-${missionId}` : 'commitment-warnings'} aria-live="polite">
      {warnings.map((w) => (
        <li key={w}>
          <GlossaryText text={w} />
        </li>
      ))}
    </ul>
  );
}
