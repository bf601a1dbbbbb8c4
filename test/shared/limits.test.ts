import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { clientCommandSchema, commandSchema, type ClientCommand } from '../../shared/engine/index.js';
import { TEXT_LIMITS, characterCount, type TextField } from '../../shared/limits.js';

const JAPANESE = '観';
const EMOJI = '\u{1F6F0}'; // a satellite: one code point outside the BMP, two UTF-16 units
const CYRILLIC = 'ж';
const FAMILY_EMOJI = '👩‍👩‍👧'; // three people joined by zero-width joiners: five code points

describe('characterCount', () => {
  it('counts code points, so an emoji or a kanji counts one, whatever its UTF-16 length', () => {
    expect(characterCount('')).toBe(0);
    expect(characterCount('Nairobi')).toBe(7);
    expect(EMOJI.length).toBe(2);
    expect(characterCount(EMOJI)).toBe(1);
    expect(characterCount(JAPANESE.repeat(3))).toBe(3);
    expect(characterCount(CYRILLIC.repeat(4))).toBe(4);
    expect(characterCount('données')).toBe(7);
    expect(characterCount(FAMILY_EMOJI)).toBe(5);
  });
});

/** A command that carries `text` in the field `field`, all its other fields valid. */
const CARRIERS: Record<TextField, (text: string) => ClientCommand> = {
  participantName: () => {
    throw new Error('names travel in JoinExercise, which only the server issues (tested below)');
  },
  message: (text) => ({ type: 'SendMessage', to: 'public', text }),
  statement: (text) => ({ type: 'PostStatement', text }),
  agreementText: (text) => ({ type: 'ProposeAgreement', kind: 'assistance', parties: ['usa'], shares: {}, text }),
  endReason: (reason) => ({ type: 'EndExercise', reason }),
  overrideReason: (reason) => ({ type: 'OverrideValue', target: { kind: 'true-encounter', valueKm: 0 }, reason }),
  injectPersona: (persona) => ({ type: 'PostInject', targets: 'all', persona, channel: 'news', headline: 'h', body: 'b' }),
  headline: (headline) => ({ type: 'PostInject', targets: 'all', persona: 'p', channel: 'news', headline, body: 'b' }),
  body: (body) => ({ type: 'PostInject', targets: 'all', persona: 'p', channel: 'news', headline: 'h', body }),
  controllerNote: (controllerNote) => ({ type: 'PostInject', targets: 'all', persona: 'p', channel: 'news', headline: 'h', body: 'b', controllerNote }),
  observationCapability: (capability) => ({ type: 'RecordObservation', capability, text: 't' }),
  observationText: (text) => ({ type: 'RecordObservation', capability: 'c', text }),
};

const WIRE_FIELDS = (Object.keys(TEXT_LIMITS) as TextField[]).filter((f) => f !== 'participantName');

describe('text limits in the command schemas', () => {
  it.each([
    ['Japanese', JAPANESE],
    ['emoji', EMOJI],
    ['Cyrillic', CYRILLIC],
  ])('accepts a message of 2000 %s characters, however many UTF-16 units that is', (_script, char) => {
    expect(clientCommandSchema.safeParse({ type: 'SendMessage', to: 'public', text: char.repeat(2000) }).success).toBe(true);
  });

  it.each([
    ['Japanese', JAPANESE],
    ['emoji', EMOJI],
    ['Cyrillic', CYRILLIC],
    ['Latin', 'a'],
  ])('refuses a message of 2001 %s characters with a too_big issue that says how long it is', (_script, char) => {
    const result = clientCommandSchema.safeParse({ type: 'SendMessage', to: 'public', text: char.repeat(2001) });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([
      expect.objectContaining({ code: 'too_big', origin: 'string', maximum: 2000, path: ['text'], message: 'must be at most 2000 characters (this is 2001)' }),
    ]);
  });

  it.each(WIRE_FIELDS)('takes %s up to its limit in 4-byte characters and refuses one more, as too_big', (field) => {
    const max = TEXT_LIMITS[field];
    expect(clientCommandSchema.safeParse(CARRIERS[field](EMOJI.repeat(max))).success, `${max} characters`).toBe(true);
    const over = clientCommandSchema.safeParse(CARRIERS[field](EMOJI.repeat(max + 1)));
    expect(over.success, `${max + 1} characters`).toBe(false);
    expect(over.error!.issues.map((i) => [i.code, i.message])).toEqual([['too_big', `must be at most ${max} characters (this is ${max + 1})`]]);
  });

  it('limits a participant name the same way, in the command the server issues on joining', () => {
    const join = commandSchema.options.find((o) => o.shape.type.value === 'JoinExercise')!;
    const nameSchema = (join.shape as { name: z.ZodType }).name;
    expect(nameSchema.safeParse(JAPANESE.repeat(TEXT_LIMITS.participantName)).success).toBe(true);
    expect(nameSchema.safeParse(JAPANESE.repeat(TEXT_LIMITS.participantName + 1)).error?.issues[0]).toMatchObject({ code: 'too_big', maximum: TEXT_LIMITS.participantName });
  });

  it('counts after trimming, and still refuses an empty or blank text', () => {
    expect(clientCommandSchema.safeParse({ type: 'SendMessage', to: 'public', text: `  ${'a'.repeat(2000)}  ` }).success).toBe(true);
    const blank = clientCommandSchema.safeParse({ type: 'SendMessage', to: 'public', text: '   ' });
    expect(blank.error?.issues.map((i) => i.code)).toEqual(['too_small']);
  });
});
