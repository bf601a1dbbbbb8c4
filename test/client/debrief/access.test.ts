import { describe, expect, it } from 'vitest';
import {
  debriefLink,
  distinctKeys,
  exerciseIdOfPath,
  keyFor,
  keyOfFragment,
  loadRemembered,
  MAX_REMEMBERED,
  parseDebriefAddress,
  REMEMBERED_KEYS_ITEM,
  saveRemembered,
  withoutKey,
  withRemembered,
} from '../../../client/debrief/access.js';

// The studio's key travels in a link's fragment (never sent to a server), is kept in the
// browser and sent only in a header: these are the pure parts of that.

const KEY = 'AbCdEf0123456789_-xyzQRS';
const ID = '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';

describe('reading a debrief link', () => {
  it('finds the exercise in the path and nothing on the front page', () => {
    expect(exerciseIdOfPath(`/debrief/${ID}`)).toBe(ID);
    expect(exerciseIdOfPath(`/debrief/${ID}/`)).toBe(ID);
    expect(exerciseIdOfPath('/debrief')).toBeNull();
    expect(exerciseIdOfPath('/debrief/')).toBeNull();
    expect(exerciseIdOfPath('/debriefing/x')).toBeNull();
    expect(exerciseIdOfPath('/debrief/a%2Fb')).toBeNull();
  });

  it('takes the key from the fragment only when it looks like a key', () => {
    expect(keyOfFragment(`#key=${KEY}`)).toBe(KEY);
    expect(keyOfFragment(`key=${KEY}`)).toBe(KEY);
    expect(keyOfFragment('#key=<script>')).toBeNull();
    expect(keyOfFragment('#other=1')).toBeNull();
    expect(keyOfFragment('')).toBeNull();
  });

  it('builds links that carry the key in the fragment, never in the query', () => {
    const link = debriefLink('https://deflect.example', ID, KEY);
    expect(link).toBe(`https://deflect.example/debrief/${ID}#key=${KEY}`);
    const url = new URL(link);
    expect(url.search).toBe('');
    expect(parseDebriefAddress(link)).toEqual({ exerciseId: ID, key: KEY });
  });

  it('accepts a bare key, a relative link, and refuses what is neither', () => {
    expect(parseDebriefAddress(`  ${KEY} `)).toEqual({ exerciseId: null, key: KEY });
    expect(parseDebriefAddress(`/debrief/${ID}#key=${KEY}`)).toEqual({ exerciseId: ID, key: KEY });
    expect(parseDebriefAddress(`https://x.example/debrief/${ID}?key=${KEY}`)).toBeNull();
    expect(parseDebriefAddress('hello there')).toBeNull();
    expect(parseDebriefAddress('')).toBeNull();
  });
});

describe('remembering keys in the browser', () => {
  const entry = (n: number, key = KEY) => ({ exerciseId: `ex-${n}`, key, title: `Table ${n}` });

  it('puts the newest first and replaces what it knew of the same exercise', () => {
    let list = withRemembered([], entry(1));
    list = withRemembered(list, entry(2));
    list = withRemembered(list, { ...entry(1), title: 'Renamed' });
    expect(list.map((e) => e.exerciseId)).toEqual(['ex-1', 'ex-2']);
    expect(list[0]!.title).toBe('Renamed');
    expect(keyFor(list, 'ex-2')).toBe(KEY);
    expect(keyFor(list, 'ex-9')).toBeNull();
  });

  it(`keeps at most ${MAX_REMEMBERED} exercises, forgetting the oldest`, () => {
    let list = withRemembered([], entry(0));
    for (let n = 1; n <= MAX_REMEMBERED + 5; n++) list = withRemembered(list, entry(n));
    expect(list).toHaveLength(MAX_REMEMBERED);
    expect(keyFor(list, 'ex-0')).toBeNull();
    expect(keyFor(list, `ex-${MAX_REMEMBERED + 5}`)).toBe(KEY);
  });

  it('forgets every exercise a key opened, and lists each key once', () => {
    const other = 'ZZZZZZZZZZZZZZZZZZZZZZZZ';
    const list = [entry(1), entry(2), entry(3, other)];
    expect(distinctKeys(list)).toEqual([KEY, other]);
    expect(withoutKey(list, KEY).map((e) => e.exerciseId)).toEqual(['ex-3']);
  });

  it('reads back what it saved and treats anything unreadable as nothing', () => {
    const items = new Map<string, string>();
    const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
    saveRemembered(storage, [entry(1)]);
    expect(loadRemembered(storage)).toEqual([entry(1)]);
    items.set(REMEMBERED_KEYS_ITEM, '{not json');
    expect(loadRemembered(storage)).toEqual([]);
    items.set(REMEMBERED_KEYS_ITEM, JSON.stringify([{ exerciseId: 'x', key: 'bad key!', title: '' }, entry(2)]));
    expect(loadRemembered(storage)).toEqual([entry(2)]);
    expect(loadRemembered(null)).toEqual([]);
  });
});
