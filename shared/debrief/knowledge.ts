// What one seat knew that another did not, from two seats' views of the same moment.
import type { ActorPrivateView, PlayerView } from '../engine/view.js';
import type { Message } from '../engine/state.js';
import { clause, excerpt, km, listWords, moneyMUsd, percent, shiftWords } from './words.js';

export const knowledgeCategories = ['tracking', 'truth', 'message', 'news', 'inject', 'orders', 'budget', 'agreement', 'mission', 'briefing'] as const;
export type KnowledgeCategory = (typeof knowledgeCategories)[number];

export interface KnowledgeItem {
  category: KnowledgeCategory;
  /** One plain sentence: "Private message from Kenya to the United States, round 2: …". */
  text: string;
}

/** What the seat that saw `a` knew that the seat that saw `b` did not (at the same moment). */
export function knowledgeDifference(a: PlayerView, b: PlayerView): KnowledgeItem[] {
  const names = new Map(a.actors.map((x) => [x.id, x.name]));
  const name = (actorId: string) => names.get(actorId) ?? actorId;
  const items: KnowledgeItem[] = [];
  const add = (category: KnowledgeCategory, text: string) => items.push({ category, text });

  // What only some actors know of themselves: a seat knows its own, the control cell everyone's.
  const privatesOfB = privatesKnown(b);
  const missionNames = new Map(a.missions.map((m) => [m.id, m.name]));
  const missionName = (id: string) => missionNames.get(id) ?? 'a mission';
  for (const own of privatesKnown(a).values()) {
    const theirs = privatesOfB.get(own.actorId);
    const who = name(own.actorId);
    if (own.privateEstimate && !sameEstimate(own.privateEstimate, theirs?.privateEstimate ?? null)) {
      const e = own.privateEstimate;
      add(
        'tracking',
        `${who} kept its tracking data to itself, and its own estimate put the impact probability at ${percent(e.impactProbability)} (crossing ${km(e.meanKm)} ± ${km(e.sigmaKm)} along the corridor), against ${percent(latestPublished(a))} published.`,
      );
    }
    if (theirs) continue;
    if (own.orders) {
      const funding = Object.entries(own.orders.missionFunding).filter(([, v]) => v > 0);
      const missions = funding.length === 0 ? 'nothing for missions' : listWords(funding.map(([id, v]) => `${moneyMUsd(v)} for the ${missionName(id)}`));
      add('orders', `${who}'s secret orders this round: ${moneyMUsd(own.orders.observeMUsd)} for observation and ${missions}.`);
    }
    add('budget', `${who} had ${moneyMUsd(own.balanceMUsd)} left to spend.`);
    add('briefing', `${who}'s secret briefing: “${excerpt(own.secretBriefing, 400)}”`);
  }

  if (a.control && !b.control) {
    const t = a.control.truth;
    const moved = Math.round(t.currentEncounterKm) !== Math.round(t.encounterKm);
    add(
      'truth',
      `The hidden truth: the asteroid is ${Math.round(t.diameterM)} m across with a density of ${wholeDensity(t.densityKgM3)} kg/m³, and it ${moved ? `now crosses ${km(t.currentEncounterKm)} along the corridor (${km(t.encounterKm)} before any push)` : `crosses ${km(t.encounterKm)} along the corridor`}.`,
    );
    for (const o of a.control.overrides) add('truth', `The control cell overrode ${o.target.replace(/-/g, ' ')} in round ${o.round} (to ${o.to}): ${clause(o.reason)}.`);
  }

  const messagesOfB = new Set(b.messages.map((m) => m.id));
  for (const m of a.messages) if (!messagesOfB.has(m.id)) add('message', messageWords(m, name));

  const newsOfB = new Set(b.news.map((n) => n.id));
  for (const n of a.news) if (!newsOfB.has(n.id)) add('news', `News in round ${n.round}: ${clause(n.headline)}.`);

  const injectsOfB = new Map(b.injects.map((i) => [i.seq, i]));
  for (const i of a.injects) {
    const seen = injectsOfB.get(i.seq);
    const to = i.targets === 'all' ? 'everyone' : listWords(i.targets.map(name));
    if (!seen) add('inject', `Inject to ${to} in round ${i.round} from ${i.persona} (${i.channel}): ${clause(i.headline)}.`);
    if (i.controllerNote && !seen?.controllerNote) add('inject', `Note for the control cell on the inject “${clause(i.headline)}”: ${clause(i.controllerNote)}.`);
  }

  const agreementsOfB = new Set(b.agreements.map((x) => x.id));
  for (const x of a.agreements) {
    if (agreementsOfB.has(x.id)) continue;
    const shares = Object.entries(x.shares).filter(([, v]) => v > 0);
    const terms = shares.length > 0 ? ` (${listWords(shares.map(([id, v]) => `${name(id)} ${moneyMUsd(v)}`))})` : '';
    const about = x.missionId ? ` on the ${missionName(x.missionId)}` : '';
    const kind = x.kind.replace(/-/g, ' ');
    add('agreement', `${kind.charAt(0).toUpperCase()}${kind.slice(1)} agreement${about} between ${listWords([x.proposer, ...x.parties].map(name))}${terms}, ${agreementStatus(x.status)}: “${excerpt(x.text)}”`);
  }

  const missionsOfB = new Map(b.missions.map((m) => [m.id, m]));
  for (const m of a.missions) {
    const seen = missionsOfB.get(m.id);
    if (!seen) {
      add('mission', `The ${m.name} (${m.status}).`);
      continue;
    }
    if (m.shiftKm !== null && seen.shiftKm === null) {
      const expected = m.expectedShiftKm !== null ? ` (the table expected ${shiftWords(m.expectedShiftKm)}${m.shiftSigmaKm !== null ? `, ± ${km(m.shiftSigmaKm)}` : ''})` : '';
      add('mission', `The ${m.name} really moved the impact point ${shiftWords(m.shiftKm)}${expected}; no flyby had measured it yet.`);
    }
  }
  return items;
}

/** The private views a seat's view holds: its own actor's, or every actor's for the control cell. */
function privatesKnown(view: PlayerView): Map<string, ActorPrivateView> {
  const known = new Map<string, ActorPrivateView>();
  if (view.me) known.set(view.me.actorId, view.me);
  for (const p of view.control?.actors ?? []) known.set(p.actorId, p);
  return known;
}

function sameEstimate(x: { meanKm: number; sigmaKm: number; impactProbability: number }, y: { meanKm: number; sigmaKm: number; impactProbability: number } | null): boolean {
  return y !== null && x.meanKm === y.meanKm && x.sigmaKm === y.sigmaKm && x.impactProbability === y.impactProbability;
}

function latestPublished(view: PlayerView): number {
  return view.estimates.at(-1)?.impactProbability ?? 0;
}

function wholeDensity(kgM3: number): string {
  return String(Math.round(kgM3)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function agreementStatus(status: string): string {
  return status === 'proposed' ? 'still open' : status;
}

function messageWords(m: Message, name: (actorId: string) => string): string {
  const from = m.from.startsWith('actor:') ? name(m.from.slice('actor:'.length)) : m.fromName === 'Control' ? 'the control cell' : m.fromName;
  const text = `“${excerpt(m.text)}”`;
  if (m.to === 'delegation') return `Message within the ${from} delegation, round ${m.round}: ${text}`;
  if (m.to === 'public') return `Message from ${from} to everyone, round ${m.round}: ${text}`;
  const to = m.to.filter((id) => `actor:${id}` !== m.from).map(name);
  return `Private message from ${from} to ${listWords(to)}, round ${m.round}: ${text}`;
}
