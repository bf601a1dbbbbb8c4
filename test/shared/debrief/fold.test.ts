import { describe, expect, it } from 'vitest';
import { foldLog } from '../../../shared/debrief/fold.js';
import { debriefEvents, debriefInitialState } from '../../../shared/debrief/log.js';
import { replay, stateHash, type ExerciseState } from '../../../shared/engine/index.js';
import { playDebriefTable } from './logs.js';

const NO_LOGS = { messages: [], news: [], estimateHistory: [], injects: [], claims: [], skippedInjects: [], overrides: [], observations: [], results: [] };

describe('foldLog', () => {
  it('passes through the states a replay reaches, but for the log lists it leaves empty', () => {
    const log = playDebriefTable().debriefLog();
    const events = debriefEvents(log);
    const expected: string[] = [];
    let state = debriefInitialState(log);
    // Every tenth state compared: without the log lists the fold must agree with the engine exactly.
    for (const [i, e] of events.entries()) {
      state = replay(state, [e]);
      if (i % 10 === 0) expected.push(stateHash({ ...state, ...NO_LOGS }));
    }
    const seen: string[] = [];
    let last: ExerciseState | null = null;
    foldLog(log, ({ index, after, before }) => {
      if (last !== null) expect(before).toBe(last);
      last = after;
      if (index % 10 === 0) seen.push(stateHash(after));
    });
    expect(seen).toEqual(expected);
  });
});
