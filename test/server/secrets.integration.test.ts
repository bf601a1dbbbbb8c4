import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadScenarioCatalog } from '../../server/scenarios.js';
import { actorOfSeat } from '../../shared/engine/seats.js';
import { decodeFrame, findKey } from '../helpers/frames.js';
import { TestPlayer, createExercise, recordAllFrames, useTestServer } from '../helpers/server.js';

/**
 * Plants hidden values in a live exercise — secret briefings, controller notes, the hidden truth,
 * private and delegation messages, a targeted inject, orders, incomes, agreement settlements,
 * evaluator observations, override reasons, every key and rejoin key and their hashes — then
 * searches every frame each non-control client received, raw and decoded, for what it may not know.
 */

recordAllFrames();
const testServer = useTestServer({ reconnectGraceSeconds: 5 });

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('no frame a non-control client receives tells a secret', () => {
  it('keeps every planted hidden value out of the frames of every seat that may not know it', async () => {
    const created = await createExercise(testServer().url, 11);
    const scenario = loadScenarioCatalog('./scenarios').byId.get('2031-kx')!;
    const join = (name: string, options: { facilitatorKey?: string; evaluatorKey?: string } = {}) =>
      TestPlayer.join(testServer().url, created.joinCode, name, options.facilitatorKey, undefined, { ...(options.evaluatorKey ? { evaluatorKey: options.evaluatorKey } : {}) });

    const facilitator = await join('Fran', { facilitatorKey: created.facilitatorKey });
    await facilitator.do({ type: 'ClaimSeat', seat: 'facilitator' });
    const evaluator = await join('Eve', { evaluatorKey: created.evaluatorKey });
    await evaluator.do({ type: 'ClaimSeat', seat: 'evaluator' });
    const seated: Record<string, TestPlayer> = {};
    for (const actor of ['usa', 'japan', 'kenya', 'bangladesh', 'astra', 'copuos']) {
      seated[actor] = await join(`Player of ${actor}`);
      await seated[actor].do({ type: 'ClaimSeat', seat: `actor:${actor}` });
    }
    const { usa, japan, kenya, bangladesh } = seated as Record<'usa' | 'japan' | 'kenya' | 'bangladesh', TestPlayer>;
    const display = await join('Projector');
    await display.do({ type: 'ClaimSeat', seat: 'display' });
    const lurker = await join('Lurker');
    // Someone with only the join code asks to join Japan's delegation and is turned down.
    const intruder = await join('Intruder');
    await intruder.do({ type: 'RequestDelegation', actorId: 'japan' });
    await japan.until('the delegation request', () => (japan.view.delegationRequests ?? []).length === 1);
    await japan.do({ type: 'AnswerDelegationRequest', requestId: japan.view.delegationRequests[0]!.id, accept: false });

    // Round 1: briefing (incomes), deliberation (talk, a mission, a two-party cost share), orders, resolution.
    await facilitator.do({ type: 'AdvancePhase' });
    await facilitator.do({ type: 'AdvancePhase' });
    const marker = (what: string) => `PLANTED-${what}-${Math.random().toString(36).slice(2, 10)}`;
    const secret = {
      privateUsaJapan: marker('private-usa-japan'),
      delegationKenya: marker('delegation-kenya'),
      agreementText: marker('agreement'),
      injectToKenya: marker('inject-kenya'),
      injectNote: marker('controller-note'),
      observation: marker('observation'),
      overrideReason: marker('override-reason'),
    };
    await usa.do({ type: 'SendMessage', to: ['japan'], text: secret.privateUsaJapan });
    await kenya.do({ type: 'SendMessage', to: 'delegation', text: secret.delegationKenya });
    await usa.do({ type: 'ProposeMission', missionTypeId: 'ki-single', direction: 'toward-end', providerId: 'usa' });
    await usa.do({ type: 'ProposeAgreement', kind: 'cost-sharing', parties: ['japan'], missionId: 'mission-1', shares: { usa: 101.25, japan: 77.75 }, text: secret.agreementText });
    await japan.do({ type: 'RespondToAgreement', agreementId: 'agreement-1', accept: true });
    await facilitator.do({
      type: 'PostInject',
      targets: ['kenya'],
      persona: 'Nairobi desk',
      channel: 'intelligence',
      headline: secret.injectToKenya,
      body: 'A note for Kenya only.',
      controllerNote: secret.injectNote,
    });
    for (const inject of scenario.injects.filter((i) => i.controllerNote)) {
      await facilitator.send({ type: 'FireInject', injectId: inject.id }); // fired or refused: either way its note must stay in the control cell
    }
    await evaluator.do({ type: 'RecordObservation', actorId: 'usa', capability: 'coordination', text: secret.observation });
    await facilitator.do({ type: 'OverrideValue', target: { kind: 'actor-budget', actorId: 'bangladesh', valueMUsd: 444.25 }, reason: secret.overrideReason });
    await facilitator.do({ type: 'AdvancePhase' }); // orders
    const usaObserve = 13.579;
    await usa.do({ type: 'SubmitOrders', orders: { observeMUsd: usaObserve, missionFunding: { 'mission-1': 101.25 } } });
    await japan.do({ type: 'SubmitOrders', orders: { observeMUsd: 0, missionFunding: { 'mission-1': 77.75 } } });
    await facilitator.do({ type: 'AdvancePhase' }); // resolves round 1
    await facilitator.do({ type: 'AdvancePhase' }); // round 2 briefing: incomes again
    await bangladesh.settled(300);

    const keys = [created.facilitatorKey, created.evaluatorKey, created.debriefKey];
    const everyone = [facilitator, evaluator, ...Object.values(seated), display, lurker, intruder];
    const rejoinKeys = everyone.map((p) => p.welcome!.rejoinKey);
    const briefings = new Map(scenario.actors.map((a) => [a.id, a.secretBriefing]));
    const truthNumbers = { diameterM: scenario.asteroid.truth.diameterM, encounterKm: scenario.asteroid.truth.encounterKm };

    let framesSearched = 0;
    let checks = 0;
    const leaks: string[] = [];
    const clients: [string, TestPlayer][] = [...Object.entries(seated), ['display', display], ['lurker', lurker], ['intruder', intruder]];
    for (const [who, player] of clients) {
      const myActor = actorOfSeat(player.seat);
      const mine = rejoinKeyOf(player);
      const forbidden: [string, string][] = [
        ...keys.flatMap((k): [string, string][] => [[`a control key`, k], [`a control key's hash`, sha256(k)]]),
        ...rejoinKeys.filter((k) => k !== mine).flatMap((k): [string, string][] => [[`another participant's rejoin key`, k], [`a rejoin key hash`, sha256(k)]]),
        [`its own rejoin key hash`, sha256(mine)],
        ...[...briefings].filter(([id]) => id !== myActor).map(([id, text]): [string, string] => [`${id}'s secret briefing`, text]),
        ...scenario.injects.filter((i) => i.controllerNote).map((i): [string, string] => [`the controller note of ${i.id}`, i.controllerNote!]),
        ['an ad-hoc controller note', secret.injectNote],
        ['an evaluator observation', secret.observation],
        ['an override reason', secret.overrideReason],
        ...(myActor === 'usa' || myActor === 'japan' ? [] : ([['a private message between the US and Japan', secret.privateUsaJapan], ['a cost share between the US and Japan', secret.agreementText]] as [string, string][])),
        ...(myActor === 'kenya' ? [] : ([['Kenya’s delegation channel', secret.delegationKenya], ['an inject sent to Kenya only', secret.injectToKenya]] as [string, string][])),
      ];
      for (const frame of player.frames) {
        framesSearched++;
        const raw = Buffer.from(frame).toString('latin1');
        for (const [what, value] of forbidden) {
          checks++;
          if (raw.includes(Buffer.from(value, 'utf8').toString('latin1'))) leaks.push(`${who} received ${what}`);
        }
        const { message } = decodeFrame(frame);
        if (message === undefined) continue;
        for (const key of ['incomeMUsd', 'spentMUsd', 'privateEstimates']) {
          for (const hit of findKey(message, key)) {
            checks++;
            const others = Object.keys(hit.value as object).filter((id) => id !== myActor);
            if (others.length > 0) leaks.push(`${who} received ${key} of ${others.join(', ')} at ${hit.path}`);
          }
        }
        for (const hit of findKey(message, 'orders')) {
          checks++;
          if (JSON.stringify(hit.value).includes(String(usaObserve)) && myActor !== 'usa') leaks.push(`${who} received the US orders at ${hit.path}`);
        }
        for (const hit of findKey(message, 'agreements')) {
          checks++;
          if (myActor !== 'usa' && myActor !== 'japan' && JSON.stringify(hit.value).includes('agreement-1')) leaks.push(`${who} received the US–Japan settlement at ${hit.path}`);
        }
        for (const key of ['rejoinKeyHash', 'truth', 'trueEncounterKm', 'noiseZ', 'rngAfter', 'rng', 'controllerNote']) {
          for (const hit of findKey(message, key)) {
            checks++;
            const empty = hit.value === null || (Array.isArray(hit.value) && hit.value.length === 0);
            if (!empty) leaks.push(`${who} received ${key} at ${hit.path}: ${JSON.stringify(hit.value).slice(0, 80)}`);
          }
        }
        for (const hit of findKey(message, 'diameterM')) {
          checks++;
          if (hit.value === truthNumbers.diameterM && !hit.path.includes('outcome')) leaks.push(`${who} received the true diameter at ${hit.path}`);
        }
      }
    }
    console.log(`secrets: ${clients.length} non-control clients, ${framesSearched} frames, ${checks} checks, ${leaks.length} leaks`);
    expect(leaks).toEqual([]);
    expect(framesSearched).toBeGreaterThan(clients.length * 10);

    // The planted values did reach those who may know them (the search would have found them).
    const textOf = (p: TestPlayer) => p.frames.map((f) => Buffer.from(f).toString('latin1')).join('\n');
    expect(textOf(japan)).toContain(secret.privateUsaJapan);
    expect(textOf(kenya)).toContain(secret.injectToKenya);
    expect(textOf(facilitator)).toContain(secret.injectNote);
    expect(textOf(evaluator)).toContain(secret.observation);
    expect(textOf(usa)).toContain(briefings.get('usa')!);
    for (const p of everyone) await p.close();
  }, 60_000);
});

function rejoinKeyOf(player: TestPlayer): string {
  return player.welcome!.rejoinKey;
}
