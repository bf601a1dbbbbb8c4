import { createHash, timingSafeEqual } from 'node:crypto';

/** SHA-256 of a secret key, hex: what the store keeps instead of the key. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Whether `key` is the one whose hash is `expectedHash`, compared in constant time. */
export function keyMatches(key: string, expectedHash: string): boolean {
  const a = Buffer.from(hashKey(key), 'hex');
  const b = Buffer.from(expectedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
