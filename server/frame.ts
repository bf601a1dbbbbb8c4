import { unpack } from '@colyseus/msgpackr';
import { decode } from '@colyseus/schema';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A room message as a client sent it: its type and its decoded body. */
export type ReadMessage = { ok: true; type: string | number; body: unknown } | { ok: false; problem: string };

/**
 * Reads a Colyseus 0.16 room-message frame (code, type, msgpack body) without trusting it:
 * a truncated frame, a type that is not UTF-8 or a body that is not msgpack is reported, not
 * thrown and not printed (Colyseus's own decoder writes such problems to the console, which a
 * client could use to flood the server's log).
 */
export function readRoomMessage(buffer: Buffer): ReadMessage {
  const it = { offset: 1 };
  const prefix = buffer[it.offset];
  if (prefix === undefined) return { ok: false, problem: 'the message has no type' };
  let type: string | number;
  // The same test as @colyseus/schema's decode.stringCheck.
  if ((prefix < 0xc0 && prefix > 0xa0) || prefix === 0xd9 || prefix === 0xda || prefix === 0xdb) {
    it.offset++;
    let length: number;
    if (prefix < 0xc0) length = prefix & 0x1f;
    else if (prefix === 0xd9) length = buffer[it.offset++] ?? Infinity;
    else if (prefix === 0xda) {
      if (it.offset + 2 > buffer.length) return { ok: false, problem: 'the message type is cut short' };
      length = buffer.readUInt16LE(it.offset);
      it.offset += 2;
    } else {
      if (it.offset + 4 > buffer.length) return { ok: false, problem: 'the message type is cut short' };
      length = buffer.readUInt32LE(it.offset);
      it.offset += 4;
    }
    if (it.offset + length > buffer.length) return { ok: false, problem: 'the message type is cut short' };
    try {
      type = utf8.decode(buffer.subarray(it.offset, it.offset + length));
    } catch {
      return { ok: false, problem: 'the message type is not UTF-8 text' };
    }
    it.offset += length;
  } else {
    const n = decode.number(buffer, it) as number | undefined;
    if (typeof n !== 'number' || !Number.isFinite(n) || it.offset > buffer.length) return { ok: false, problem: 'the message type is neither text nor a number' };
    type = n;
  }
  if (buffer.byteLength <= it.offset) return { ok: true, type, body: undefined };
  try {
    return { ok: true, type, body: unpack(buffer.subarray(it.offset, buffer.byteLength)) };
  } catch {
    return { ok: false, problem: 'the message body is not valid msgpack' };
  }
}
