// The exercise's legal and technical terms in plain words, each with the article or source it
// comes from (reference §3 and §6), so a player can tap a term wherever it appears and read
// what it means without a law degree.

/** One term of the glossary: its name, the phrases that stand for it in text, a plain definition and its source. */
export interface GlossaryEntry {
  id: string;
  term: string;
  /** Phrases (lower case) that name the term in running text, longest first where they overlap. */
  phrases: readonly string[];
  definition: string;
  source: string;
}

/** Every term of the glossary, in alphabetical order of `term`. */
export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: 'absolute-liability',
    term: 'Absolute liability',
    phrases: ['absolute liability', 'without proof of fault'],
    definition:
      'The launching state pays for damage its space object causes on the Earth’s surface or to aircraft in flight, whether or not it was careless: the victim need not prove any fault.',
    source: 'Liability Convention 1972, art. II',
  },
  {
    id: 'apportionment',
    term: 'Apportionment',
    phrases: ['apportionment', 'share it', 'between themselves'],
    definition:
      'How several liable states split the bill among themselves. It never limits what the victim may claim from any one of them: whoever pays more can ask the others to pay back their part.',
    source: 'Liability Convention 1972, arts. IV(2) and V(2)',
  },
  {
    id: 'arsiwa',
    term: 'ARSIWA',
    phrases: ['arsiwa'],
    definition:
      'The Articles on Responsibility of States for Internationally Wrongful Acts (International Law Commission, 2001): the rules of general international law on when a state has broken an obligation and what it then owes — stopping, and repairing the harm.',
    source: 'ILC Articles on State Responsibility 2001, arts. 1–2, 31',
  },
  {
    id: 'capture-radius',
    term: 'Capture radius',
    phrases: ['capture radius'],
    definition:
      'How close to the Earth’s centre, on the plane the asteroid crosses, its path must pass for gravity to pull it in. A predicted point inside it means an impact; outside it, a miss.',
    source: 'Reference §4 (the engine’s model of the encounter)',
  },
  {
    id: 'claims-commission',
    term: 'Claims Commission',
    phrases: ['claims commission'],
    definition:
      'A panel of three that either side may ask for when a claim is not settled within a year. Its decision binds the parties only if they agreed beforehand; otherwise it is a recommendation. It has never been used.',
    source: 'Liability Convention 1972, arts. XIV–XX',
  },
  {
    id: 'common-fund',
    term: 'Common fund',
    phrases: ['common fund'],
    definition:
      'Under the proposed planetary-defence protocol, a pool paid into by the states that pays the victims of a UN-mandated deflection that goes wrong, so the states that flew it are not sued.',
    source: 'Reference §6, regime 2 (a proposal in the literature, not a treaty in force)',
  },
  {
    id: 'consultation',
    term: 'Prior consultation',
    phrases: ['prior consultation', 'not been consulted', 'not consulted', 'did not consult', 'failing to consult', 'consulted', 'consult'],
    definition:
      'Talking with a state before doing something in space that may harm it. In this exercise a state counts as consulted about a mission when it accepted a consultation agreement about that mission. Pushing an asteroid toward a state that was not consulted is the classic failure of due diligence.',
    source: 'Outer Space Treaty 1967, art. IX; ILC Prevention Articles 2001, arts. 8–9',
  },
  {
    id: 'due-diligence',
    term: 'Due diligence',
    phrases: ['due diligence'],
    definition:
      'The care a state must take to prevent serious harm to other states from what it does or allows: assessing the risk, warning and consulting those who may be hurt, and acting carefully.',
    source: 'ILC Prevention Articles 2001, art. 3; Outer Space Treaty 1967, art. IX',
  },
  {
    id: 'fault-liability',
    term: 'Fault liability',
    phrases: ['fault liability', 'liability for fault', 'for fault'],
    definition: 'A state pays only if it was at fault — careless or acting wrongly. The victim must show the fault.',
    source: 'Liability Convention 1972, art. III',
  },
  {
    id: 'general-international-law',
    term: 'General international law',
    phrases: ['general international law'],
    definition:
      'The rules that bind every state without a special treaty, such as state responsibility. They decide when no treaty covers the case — for instance when a pushed asteroid is not a “space object” under the Liability Convention.',
    source: 'ILC Articles on State Responsibility 2001; SMPAG-RP-004 (2020)',
  },
  {
    id: 'iawn',
    term: 'IAWN',
    phrases: ['iawn'],
    definition:
      'The International Asteroid Warning Network: the observatories that track a threatening asteroid and warn the UN and the public when the impact probability exceeds 1% for a body larger than 10 m.',
    source: 'UN General Assembly resolution 68/75 (2013); reference §3',
  },
  {
    id: 'joint-and-several',
    term: 'Joint and several liability',
    phrases: ['jointly and severally', 'joint and several'],
    definition:
      'Each of the liable states answers for the whole damage: the victim may claim all of it from any one of them. Between themselves they then share it as they agreed, or by fault, or equally.',
    source: 'Liability Convention 1972, arts. IV and V',
  },
  {
    id: 'launching-state',
    term: 'Launching state',
    phrases: ['launching states', 'launching state'],
    definition:
      'A state that launches a space object, procures (orders) its launch, or from whose territory or facility it is launched. Only launching states are liable under the Liability Convention. Whether paying into a mission counts as “procuring” is contested; this exercise holds that only the lead procures.',
    source: 'Liability Convention 1972, art. I(c); Outer Space Treaty 1967, art. VII',
  },
  {
    id: 'liability-convention',
    term: 'Liability Convention',
    phrases: ['liability convention'],
    definition:
      'The 1972 Convention on International Liability for Damage Caused by Space Objects: who pays when a space object causes damage, and how a victim state claims.',
    source: 'Liability Convention 1972',
  },
  {
    id: 'palermo',
    term: 'Palermo scale',
    phrases: ['palermo'],
    definition:
      'A scale for specialists comparing an impact risk with the background risk of impacts of that size over the same time. Below −2: no concern; above 0: more worrying than the background.',
    source: 'Chesley et al. 2002, Icarus 159:423; reference §3',
  },
  {
    id: 'risk-corridor',
    term: 'Risk corridor',
    phrases: ['risk corridor', 'corridor'],
    definition:
      'The narrow band across the Earth where the asteroid would strike if it hits. A deflection moves the impact point along it — away from one country, and possibly toward another — before it can take it off the Earth.',
    source: 'Reference §4 (the engine’s model of the encounter)',
  },
  {
    id: 'security-community',
    term: 'Security community',
    phrases: ['security community'],
    definition:
      'A proposed arrangement in which every member gets the same protection whatever it paid, and damage to one member is borne by all of them by their capacity, with no claims between members.',
    source: 'Reference §6, regime 3 (Deutsch 1957; Ruggie 1992)',
  },
  {
    id: 'smpag',
    term: 'SMPAG',
    phrases: ['smpag'],
    definition:
      'The Space Mission Planning Advisory Group: the space agencies that study deflection options and recommend what to do. It advises; it commands no mission.',
    source: 'UN General Assembly resolution 68/75 (2013); reference §3 and §6',
  },
  {
    id: 'space-object',
    term: 'Space object',
    phrases: ['space object'],
    definition:
      'A launched object, with its parts and launch vehicle. Whether an asteroid becomes one by being pushed is unsettled: if not, the Liability Convention does not cover the damage it does, and general international law decides.',
    source: 'Liability Convention 1972, art. I(d); SMPAG-RP-004 (2020); Mitchell 2021',
  },
  {
    id: 'state-responsibility',
    term: 'State responsibility',
    phrases: ['state responsibility'],
    definition:
      'A state that breaks an international obligation — for instance by failing to consult a state it puts at risk — must repair the harm. Each state answers for its own conduct.',
    source: 'ILC Articles on State Responsibility 2001, arts. 1, 2, 31 and 47',
  },
  {
    id: 'torino',
    term: 'Torino scale',
    phrases: ['torino'],
    definition:
      'A 0–10 scale for the public combining the impact probability and the energy: 0 no hazard, 1 normal, 2–4 meriting attention, 5–7 threatening, 8–10 certain collision.',
    source: 'Binzel 2000 (wording revised 2005); reference §3',
  },
];

const BY_ID = new Map(GLOSSARY.map((e) => [e.id, e]));

/** The glossary entry with this id, or undefined. */
export function glossaryEntry(id: string): GlossaryEntry | undefined {
  return BY_ID.get(id);
}

/** A piece of text: plain, or a phrase that names a glossary term. */
export type GlossaryPart = { text: string; termId: null } | { text: string; termId: string };

// Every phrase with its term, longest first so that "liability for fault" wins over "for fault".
const PHRASES = GLOSSARY.flatMap((e) => e.phrases.map((phrase) => ({ phrase, id: e.id }))).sort((a, b) => b.phrase.length - a.phrase.length);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PATTERN = new RegExp(`\\b(${PHRASES.map((p) => escape(p.phrase)).join('|')})\\b`, 'gi');
const ID_OF = new Map(PHRASES.map((p) => [p.phrase, p.id]));

/**
 * Cuts `text` into plain parts and the phrases that name glossary terms, each term marked once
 * (its first appearance), so a screen can make those phrases tappable. `skip`: terms already
 * marked elsewhere in the same block.
 */
export function glossaryParts(text: string, skip: ReadonlySet<string> = new Set()): GlossaryPart[] {
  const parts: GlossaryPart[] = [];
  const seen = new Set(skip);
  let last = 0;
  for (const m of text.matchAll(PATTERN)) {
    const id = ID_OF.get(m[0].toLowerCase())!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (m.index > last) parts.push({ text: text.slice(last, m.index), termId: null });
    parts.push({ text: m[0], termId: id });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), termId: null });
  return parts;
}
