import { unpack } from '@colyseus/msgpackr';
import { decode } from '@colyseus/schema';

/** Colyseus's frame code for a room message (`room.send` / `client.send`). */
const ROOM_DATA = 13;

/** A frame as the server sent it: its protocol code and, for a room message, its type and decoded body. */
export interface DecodedFrame {
  code: number;
  type?: string | number;
  message?: unknown;
}

/** Decodes one WebSocket frame of the Colyseus 0.16 protocol (room messages are msgpack). */
export function decodeFrame(bytes: Uint8Array): DecodedFrame {
  const code = bytes[0]!;
  if (code !== ROOM_DATA) return { code };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const it = { offset: 1 };
  const type = decode.stringCheck(buffer, it) ? decode.string(buffer, it) : decode.number(buffer, it);
  const message = buffer.byteLength > it.offset ? unpack(buffer.subarray(it.offset)) : undefined;
  return { code, type, message };
}

/** Every place in a decoded value where an object has the key `key`, with the value found there. */
export function findKey(value: unknown, key: string, path = '$'): { path: string; value: unknown }[] {
  if (value === null || typeof value !== 'object') return [];
  const found: { path: string; value: unknown }[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (k === key) found.push({ path: `${path}.${k}`, value: v });
    found.push(...findKey(v, key, `${path}.${k}`));
  }
  return found;
}
