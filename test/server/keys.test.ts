import { describe, expect, it } from 'vitest';
import { hashKey, keyMatches } from '../../server/keys.js';

describe('the facilitator key check', () => {
  it('stores a key as its SHA-256 in hex, never as itself', () => {
    expect(hashKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('accepts the key whose hash is stored and refuses any other', () => {
    const stored = hashKey('s3cret-key');
    expect(keyMatches('s3cret-key', stored)).toBe(true);
    expect(keyMatches('s3cret-kez', stored)).toBe(false);
    expect(keyMatches('', stored)).toBe(false);
  });

  it('refuses, without throwing, when the stored hash is not a SHA-256 (timingSafeEqual needs equal lengths)', () => {
    expect(keyMatches('s3cret-key', '')).toBe(false);
    expect(keyMatches('s3cret-key', 'abcd')).toBe(false);
  });
});
