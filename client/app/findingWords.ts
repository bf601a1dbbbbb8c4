// The liability findings put in plain words for the outcome banner: one sentence a non-lawyer
// can repeat (who pays whom, for what, under which law), then why, then the articles for those
// who want them; who was harmed and what the deflection had to do with it (the counterfactual
// the law module records on each finding); and the projector's one-line headline.
import type { Consequences } from '../../shared/engine/events.js';
import type { Causation, Finding } from '../../shared/law/finding.js';
import { formatMoney } from './format.js';

export { countryInSentence, findingWords, lawInWords, listed, outcomeHeadline, withoutArticles, type FindingContext, type FindingWords } from '../../shared/debrief/findingWords.js';

/**
 * The state a finding's damage befell: the country of the damage (one damage per country
 * harmed, `impact-<iso3>`), else the first claimant (LIAB art. VIII puts the damaged state
 * first), else null.
 */
export function victimName(finding: Finding, consequences: Pick<Consequences, 'byCountry'>, partyName: (id: string) => string): string | null {
  const iso3 = /^impact-([a-z]{3})$/.exec(finding.damageId)?.[1]?.toUpperCase();
  const country = iso3 ? consequences.byCountry.find((c) => c.countryIso3 === iso3) : undefined;
  if (country) return country.countryName;
  const first = finding.claimants[0];
  return first !== undefined ? partyName(first) : null;
}

/**
 * What the deflection had to do with one victim's damage, in one sentence: harmed only because
 * of it, or what the undeflected asteroid would have cost the victim and what the deflection
 * added (or that it added nothing), and whether it reduced the harm over all victims.
 */
export function causationWords(causation: Causation, victim: string): string {
  const own = causation.harmedOnlyBecauseOfDeflection
    ? `${victim} was harmed only because of the deflection: the undeflected asteroid would not have touched it`
    : causation.addedByDeflectionMUsd > 0
      ? `Without the deflection ${victim} would have lost ${formatMoney(causation.undeflectedAmountMUsd)}; the deflection added ${formatMoney(causation.addedByDeflectionMUsd)}`
      : `Without the deflection ${victim} would have lost ${formatMoney(causation.undeflectedAmountMUsd)}, as much or more: the deflection added nothing`;
  const overall =
    causation.reducedHarmOverall === null ? '' : causation.reducedHarmOverall ? '; over all victims it reduced the harm' : '; over all victims it did not reduce the harm';
  return `${own.charAt(0).toUpperCase()}${own.slice(1)}${overall}.`;
}
