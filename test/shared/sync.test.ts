import fc from 'fast-check';
import jsonPatch from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import type { PlayerView } from '../../shared/engine/view.js';
import { applyViewPatch, diffView, followUpdate, isGap, type FollowedView, type SeatUpdate } from '../../shared/sync.js';

// JSON values as a view holds them: objects, arrays, strings, finite numbers, booleans and null.
// Member names include the two that JSON Pointer escapes ('~', '/'), but not a lone '-': the
// patch library reads it as "the end of an array" even in an object, and no view has it (ids
// are slugs that start with a letter or digit).
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(fc.oneof(fc.string().filter((k) => k !== '-'), fc.constantFrom('a', 'b', '~', '/', 'a/b', '~1', 'a-b')), tie('value'), { maxKeys: 5 }),
})).value;

/** A change of `value` in the style evolve makes: some parts replaced, others kept as the same objects. */
function mutate(value: unknown, choices: number[]): unknown {
  const pick = () => choices.pop() ?? 0;
  const walk = (v: unknown): unknown => {
    const c = pick() % 7;
    if (Array.isArray(v)) {
      if (c === 0) return v; // untouched: same object
      if (c === 1) return [...v, 'appended', { n: c }];
      if (c === 2) return v.slice(0, Math.max(0, v.length - 1));
      return v.map((x) => (pick() % 2 === 0 ? x : walk(x)));
    }
    if (v !== null && typeof v === 'object') {
      if (c === 0) return v;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const d = pick() % 4;
        if (d === 0) continue; // removed
        out[k] = d === 1 ? x : walk(x);
      }
      if (c === 1) out[`new${pick()}`] = { added: true };
      return out;
    }
    return c === 3 ? `changed ${String(v)}` : c === 4 ? null : v;
  };
  return walk(value);
}

describe('diffView and applyViewPatch', () => {
  it('a patch from before to after, applied to before, gives after — by our applier and by an independent RFC 6902 implementation', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string().filter((k) => k !== '-'), jsonValue), fc.array(fc.nat(), { maxLength: 200 }), (before, choices) => {
        const after = mutate(before, [...choices]);
        const patch = diffView(before, after);
        expect(applyViewPatch(before, patch)).toEqual(after);
        expect(jsonPatch.applyPatch(structuredClone(before), structuredClone(patch), true, true).newDocument).toEqual(after);
      }),
      { numRuns: 500, seed: 10 },
    );
  });

  it('leaves `before` untouched and keeps the identity of every part the patch does not reach', () => {
    const kept = { news: [{ id: 'n1', headline: 'Discovery' }], messages: Array.from({ length: 600 }, (_, i) => ({ id: `m${i}`, text: 'x'.repeat(300) })) };
    const before = { exercise: { phase: 'deliberation', round: 2 }, log: kept, actors: [{ id: 'usa', ready: false }, { id: 'kenya', ready: false }] };
    const frozen = structuredClone(before);
    const after = { ...before, actors: [before.actors[0]!, { id: 'kenya', ready: true }] };
    const patch = diffView(before, after);
    expect(patch).toEqual([{ op: 'replace', path: '/actors/1/ready', value: true }]);
    const applied = applyViewPatch(before, patch);
    expect(before).toEqual(frozen);
    expect(applied.log).toBe(before.log);
    expect(applied.exercise).toBe(before.exercise);
    expect(applied.actors[0]).toBe(before.actors[0]);
    expect(applied.actors[1]).toEqual({ id: 'kenya', ready: true });
  });

  it('sends an appended message as one add at the end of the list, however long the list', () => {
    const messages = Array.from({ length: 5000 }, (_, i) => ({ id: `m${i}` }));
    const before = { messages };
    const after = { messages: [...messages, { id: 'm5000' }] };
    expect(diffView(before, after)).toEqual([{ op: 'add', path: '/messages/-', value: { id: 'm5000' } }]);
  });

  it('treats an undefined member as absent, as JSON does', () => {
    expect(diffView({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
    expect(diffView({ a: 1 }, { a: 1, b: undefined })).toEqual([]);
    expect(diffView({ a: 1, b: 2 }, { a: 1, b: undefined })).toEqual([{ op: 'remove', path: '/b' }]);
  });
});

const view = (round: number) => ({ exercise: { round }, messages: [] as unknown[] }) as unknown as PlayerView;
const snapshot = (seq: number, v: PlayerView): SeatUpdate => ({ seq, logSeq: seq, seat: 'actor:usa', view: { snapshot: v }, events: [] });
const patch = (seq: number, ops: SeatUpdate['view'] & { patch: unknown }): SeatUpdate => ({ seq, logSeq: seq, seat: 'actor:usa', view: ops, events: [] });

describe('followUpdate (the client side of a seat update)', () => {
  it('takes a snapshot, then applies the patches that follow it in order', () => {
    let held = followUpdate(null, snapshot(1, view(1))) as FollowedView;
    expect(isGap(held)).toBe(false);
    const messagesBefore = held.view.messages;
    held = followUpdate(held, patch(2, { patch: [{ op: 'replace', path: '/exercise/round', value: 2 }] })) as FollowedView;
    expect(held.view.exercise.round).toBe(2);
    expect(held.view.messages).toBe(messagesBefore);
    expect(held.seq).toBe(2);
  });

  it('reports a gap when an update is missing, when a patch comes before any snapshot, or when a patch does not fit', () => {
    const held = followUpdate(null, snapshot(1, view(1))) as FollowedView;
    const skipped = followUpdate(held, patch(3, { patch: [] }));
    expect(isGap(skipped) && skipped.reason).toMatch(/update 3 follows update 1/);
    const first = followUpdate(null, patch(1, { patch: [] }));
    expect(isGap(first) && first.reason).toMatch(/no snapshot/);
    const misfit = followUpdate(held, patch(2, { patch: [{ op: 'replace', path: '/nowhere/at/all', value: 1 }] }));
    expect(isGap(misfit) && misfit.reason).toMatch(/does not apply/);
  });

  it('recovers from a gap with the next snapshot', () => {
    const held = followUpdate(null, snapshot(1, view(1))) as FollowedView;
    expect(isGap(followUpdate(held, patch(5, { patch: [] })))).toBe(true);
    const back = followUpdate(held, snapshot(6, view(4)));
    expect(isGap(back)).toBe(false);
    expect((back as FollowedView).view.exercise.round).toBe(4);
  });
});
