// Findings in plain words, shared by the players' outcome banner and the debrief studio so both
// say the same thing: one sentence a non-lawyer can repeat (who pays whom, for what, under which
// law — no article numbers), the shares when several answer for all of it, why, and the
// articles and contested points for those who want them; and the projector's headline, which
// names the law that actually decides.
import type { Consequences } from '../engine/events.js';
import { money } from '../law/core.js';
import { isFinding, type Finding } from '../law/finding.js';

/** A finding in plain words: the sentence (split at the payer, which the screen marks), the shares, why, and the law behind it. */
export interface FindingWords {
  /** Who pays (or "No one"), as it opens the sentence. */
  payer: string;
  /** The rest of the sentence: whom, for what, on what basis, under which law — no article numbers. */
  rest: string;
  /** `payer` + `rest`. */
  sentence: string;
  /** Several payers: each answers for all of it, and how they share it between themselves; else null. */
  shares: string | null;
  /** Why the law decides so, in one or two plain sentences. */
  why: string;
  /** The articles the finding rests on, for those who want them. */
  articles: string[];
  /** The points on which the finding rests on a contested reading. */
  contested: string[];
}

/** What the words need besides the finding: the victim, its damage, the regime in force and names for ids. */
export interface FindingContext {
  victim: string;
  damageMUsd: number | null;
  regime: string;
  partyName(id: string): string;
}

/** Names joined as people write them: "A", "A and B", "A, B and C". */
export function listed(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

/** A country's name as it reads inside a sentence: "the United States", "Kenya". */
export function countryInSentence(name: string): string {
  return /^(United |Netherlands|Philippines|Dem\. Rep\.|Central African|Czech Rep|Dominican Rep|Solomon Is|Bahamas|Gambia)/.test(name) ? `the ${name}` : name;
}

const capitalised = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

/** The law a finding applies, in words: the regime's own instrument, or general international law where it does not reach the damage. */
export function lawInWords(regime: string, applies: boolean): string {
  if (!applies) return 'general international law';
  switch (regime) {
    case 'liability-convention':
      return 'the Liability Convention';
    case 'liability-convention-strict':
      return 'the Liability Convention, strictly read';
    case 'pd-protocol':
      return 'the proposed planetary-defence protocol';
    case 'security-community':
      return 'the rules of the security community';
    default:
      return regime;
  }
}

/**
 * Treaty references turned into words, for a sentence meant for everyone: "(OST art. IX)" goes,
 * "OST art. VI" becomes "the Outer Space Treaty".
 */
export function withoutArticles(text: string): string {
  return text
    .replace(/\s*\([^()]*\b(?:arts?\.|OST|LIAB|ARSIWA|ILC|PDP|PTBT)[^()]*\)/g, '')
    .replace(/\b(?:OST|Outer Space Treaty) arts?\. [IVX]+(?:\([a-z0-9]+\))*/g, 'the Outer Space Treaty')
    .replace(/\b(?:LIAB|Liability Convention) arts?\. [IVX]+(?:\([a-z0-9]+\))*/g, 'the Liability Convention')
    .replace(/\bARSIWA arts?\. \d+(?:\([a-z0-9]+\))*/g, 'the law of state responsibility')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** Abbreviations of four letters or more that the law module writes before a full stop. */
const LONG_ABBREVIATIONS = new Set(['arts', 'para', 'paras']);

/**
 * Where the first sentence of `text` from `from` ends (the index of its full stop), or -1: a
 * full stop at the end or before a capital, after a closing parenthesis, a figure or a word of
 * four letters or more — not after an abbreviation ("art. IX", "Dem. Rep. Congo", "S. Sudan").
 */
function sentenceEnd(text: string, from = 0): number {
  for (let i = text.indexOf('.', from); i !== -1; i = text.indexOf('.', i + 1)) {
    if (!(i === text.length - 1 || /^\s+[A-Z]/.test(text.slice(i + 1, i + 3)))) continue;
    const word = /[^\s(]*$/.exec(text.slice(0, i))?.[0] ?? '';
    if (/[)\d]$/.test(word) || (/^[A-Za-z]{4,}$/.test(word) && !LONG_ABBREVIATIONS.has(word.toLowerCase()))) return i;
  }
  return -1;
}

/** The reasoning's own cause ("because it did not consult Uganda…"), to the end of its clause, without article numbers; null when it states none. */
function becauseOf(reasoning: string): string | null {
  const text = withoutArticles(reasoning);
  const start = /\bbecause\b/.exec(text)?.index;
  if (start === undefined) return null;
  const ends = [text.indexOf(';', start), sentenceEnd(text, start)].filter((i) => i !== -1);
  return text.slice(start, ends.length > 0 ? Math.min(...ends) : text.length).trim();
}

/** The first sentence of the law module's reasoning, in plain words. */
function firstSentence(reasoning: string): string {
  const text = withoutArticles(reasoning);
  const end = sentenceEnd(text);
  return end === -1 ? text : text.slice(0, end + 1);
}

/** Why the law decides as it does, in one or two plain sentences. */
function whyWords(f: Finding, regime: string): string {
  const notSpaceObject =
    'On the reading this exercise uses, a pushed asteroid is not a space object, so the Liability Convention does not cover its damage: general international law asks whether the states that pushed it took due care, which includes consulting the states they put at risk.';
  switch (f.basis) {
    case 'absolute':
      return regime === 'liability-convention-strict'
        ? 'On the strict reading, the pushed asteroid counts as the launching states’ space object, and a launching state pays for damage on the ground whether or not it was careless.'
        : 'A launching state pays for damage its space object does on the ground whether or not it was careless.';
    case 'fault':
      return regime === 'pd-protocol'
        ? 'The mission had no mandate from the UN Security Council, so the protocol does not shield it: the states that flew it pay where they were at fault.'
        : 'The states answer only where they were at fault.';
    case 'state-responsibility':
      return regime === 'liability-convention' ? notSpaceObject : 'General international law asks whether the states that pushed the asteroid took due care, which includes consulting the states they put at risk.';
    case 'common-fund':
      return 'The mission had a mandate from the UN Security Council: the protocol shields the states that flew it and pays the victims from the common fund.';
    case 'shared-burden':
      return 'In the security community damage to one member is borne by all, each by its capacity, and members do not claim against each other.';
    case 'none':
      return firstSentence(f.reasoning);
  }
}

/**
 * One finding in plain words: "<Payer> pays <victim> for <damage> — <basis> , under <law>.",
 * the shares when several answer for all of it, why, the articles and the contested points.
 */
export function findingWords(f: Finding, ctx: FindingContext): FindingWords {
  const { victim, damageMUsd, regime, partyName } = ctx;
  const payee = f.claimants.length > 0 ? listed(f.claimants.map((id) => countryInSentence(partyName(id)))) : countryInSentence(victim);
  const there = payee === countryInSentence(victim);
  const share = 1 - f.exoneratedShare;
  const amount = damageMUsd === null ? null : money(damageMUsd);
  const part = f.exoneratedShare > 0 ? `${Math.round(share * 100)}% of ` : '';
  const what = amount === null ? `${part}the damage${there ? '' : ` in ${countryInSentence(victim)}`}` : `${part}${there ? 'its' : 'the'} ${amount} of damage${there ? '' : ` in ${countryInSentence(victim)}`}`;
  const law = lawInWords(regime, f.applies);
  const payers = f.liable.map((id) => countryInSentence(partyName(id)));
  const conditional = /\bwould bear\b/.test(f.reasoning);
  const base = { why: whyWords(f, regime), articles: f.articles, contested: f.unsettled };
  const made = (payer: string, rest: string, shares: string | null = null): FindingWords => ({ payer, rest, sentence: `${payer}${rest}`, shares, ...base });

  if (f.basis === 'shared-burden') {
    const shares = f.apportionment.map((a) => `${countryInSentence(partyName(a.state))} ${Math.round(a.share * 100)}%`);
    return made(
      'The members of the security community',
      ` pay for ${amount === null ? 'the damage to' : `the ${amount} of damage to`} ${countryInSentence(victim)} together — damage to one member is borne by all, under ${law}.`,
      shares.length > 0 ? `Between themselves they share it by capacity: ${shares.join(', ')}.` : null,
    );
  }
  if (f.basis === 'none' || payers.length === 0) {
    const reason = becauseOf(f.reasoning);
    return made('No one', ` pays ${payee} for ${what}${reason ? ` — ${reason}` : ''}, under ${law}.`);
  }
  const one = payers.length === 1;
  const verb = conditional ? 'may have to pay' : one ? 'pays' : 'pay';
  const basis =
    f.basis === 'absolute'
      ? 'liable whether or not at fault'
      : f.basis === 'common-fund'
        ? 'the mission had a UN mandate, so the states that flew it are shielded'
        : conditional
          ? `only if ${countryInSentence(victim)} shows they failed to take due care, which is disputed`
          : (becauseOf(f.reasoning) ?? (f.basis === 'fault' ? 'for their fault' : 'for failing in due diligence'));
  const shares =
    !one && f.jointAndSeveral
      ? `${capitalised(listed(payers))} each answer for all of it (jointly and severally)${
          f.apportionment.length > 0 ? `; between themselves they share it ${f.apportionment.map((a) => Math.round(a.share * 100)).join('/')}` : ''
        }.`
      : !one
        ? `Each answers for its own conduct; ${countryInSentence(victim)} may claim from any of them.`
        : null;
  return made(capitalised(listed(payers)), ` ${verb} ${payee} for ${what} — ${basis}, under ${law}.`, shares);
}

/**
 * The outcome's liability in one line for the projector, consistent with the law in force: under
 * the Convention as written with a deflected asteroid it says that general international law
 * decides, then who answers to whom and for what.
 */
export function outcomeHeadline(consequences: Pick<Consequences, 'liability' | 'undeflectedPoint'>, partyName: (id: string) => string): string {
  const { regime } = consequences.liability;
  const findings = consequences.liability.findings.filter(isFinding);
  if (findings.length === 0) {
    return consequences.undeflectedPoint !== null ? 'No one answers for it: the impact fell outside any state.' : 'No one answers for it: no deflection moved the impact point.';
  }
  const applies = findings.every((f) => f.applies);
  const under =
    regime === 'liability-convention' && !applies
      ? 'Under the Liability Convention as written the asteroid is not a space object: general international law decides'
      : regime === 'liability-convention-strict'
        ? 'Under the Liability Convention, strictly read, the pushed asteroid is a space object'
        : `Under ${lawInWords(regime, applies)}`;
  const names = (ids: readonly string[]) => {
    const all = [...new Set(ids)].map((id) => countryInSentence(partyName(id)));
    return all.length > 3 ? `${all.slice(0, 2).join(', ')} and ${all.length - 2} other states` : listed(all);
  };
  const victims = names(findings.flatMap((f) => f.claimants));
  const payers = [...new Set(findings.flatMap((f) => f.liable))];
  if (findings.every((f) => f.basis === 'shared-burden')) return `${under} — the members of the security community share the damage together.`;
  if (findings.every((f) => f.basis === 'common-fund')) return `${under} — the common fund pays ${victims}.`;
  if (payers.length === 0) return `${under} — no state has to pay for the damage on the facts as played.`;
  const one = payers.length === 1;
  const who = names(payers);
  const unconsulted = findings.filter((f) => f.liable.length > 0).every((f) => /did not consult/.test(f.reasoning));
  const why = unconsulted
    ? ` for failing to consult ${findings.flatMap((f) => f.claimants).length > 1 ? 'them' : 'it'}`
    : findings.every((f) => f.basis === 'absolute')
      ? ', whether or not at fault'
      : findings.some((f) => /\bwould bear\b/.test(f.reasoning))
        ? ' if a failure of due care is shown'
        : '';
  return `${under} — ${who} ${one ? 'answers' : 'answer'} to ${victims}${why}.`;
}
