import { describe, expect, it } from 'vitest';
import { GLOSSARY, glossaryEntry, glossaryParts } from '../../../client/app/glossary.js';

// Every legal or technical term the findings, the outcome and the threat panel use is one tap
// away, with a plain definition and the article or source it comes from (issue 14).

describe('the glossary', () => {
  it('defines every term the issue names, each with its source', () => {
    for (const id of [
      'launching-state', 'absolute-liability', 'fault-liability', 'joint-and-several', 'arsiwa', 'apportionment', 'state-responsibility', 'due-diligence',
      'consultation', 'claims-commission', 'common-fund', 'security-community', 'iawn', 'smpag', 'torino', 'palermo', 'capture-radius', 'risk-corridor',
    ]) {
      const entry = glossaryEntry(id);
      expect(entry, id).toBeDefined();
      expect(entry!.definition.length, id).toBeGreaterThan(40);
      expect(entry!.source.length, id).toBeGreaterThan(3);
    }
  });

  it('gives each phrase to one term only, so a tap never opens the wrong definition', () => {
    const phrases = GLOSSARY.flatMap((e) => e.phrases);
    expect(new Set(phrases).size).toBe(phrases.length);
  });

  it('marks the terms in a finding, each once, and keeps the text whole', () => {
    const text = 'The United States and Kenya each answer for all of it (jointly and severally); under general international law, jointly and severally again.';
    const parts = glossaryParts(text);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.termId !== null).map((p) => [p.termId, p.text])).toEqual([
      ['joint-and-several', 'jointly and severally'],
      ['general-international-law', 'general international law'],
    ]);
  });

  it('prefers the longest phrase and ignores a phrase inside a longer word', () => {
    expect(glossaryParts('liability for fault').filter((p) => p.termId).map((p) => p.termId)).toEqual(['fault-liability']);
    expect(glossaryParts('a consultation agreement').filter((p) => p.termId)).toEqual([]);
    expect(glossaryParts('Uganda has not been consulted').find((p) => p.termId)?.text).toBe('not been consulted');
  });

  it('matches whatever the case, as labels capitalise', () => {
    expect(glossaryParts('Torino scale 3').find((p) => p.termId)?.termId).toBe('torino');
  });
});
