import { pack } from '@colyseus/msgpackr';
import { describe, expect, it } from 'vitest';
import { readRoomMessage } from '../../server/frame.js';

const ROOM_DATA = 13;
/** A frame as colyseus.js 0.16 encodes `room.send(type, body)` for a short text type. */
const frame = (type: string, body?: unknown) => {
  const typeBytes = Buffer.from(type, 'utf8');
  return Buffer.concat([Buffer.from([ROOM_DATA, 0xa0 | typeBytes.length]), typeBytes, body === undefined ? Buffer.alloc(0) : pack(body)]);
};

describe('readRoomMessage', () => {
  it('reads the type and the body of a well-formed message', () => {
    expect(readRoomMessage(frame('command', { commandId: 'c1', command: { type: 'AdvancePhase' } }))).toEqual({
      ok: true,
      type: 'command',
      body: { commandId: 'c1', command: { type: 'AdvancePhase' } },
    });
    expect(readRoomMessage(frame('resync'))).toEqual({ ok: true, type: 'resync', body: undefined });
  });

  it('reports, without throwing or printing, a type that is not UTF-8, a cut-short frame and a body that is not msgpack', () => {
    expect(readRoomMessage(Buffer.from([ROOM_DATA, 0xa3, 0xff, 0xfe, 0x97]))).toMatchObject({ ok: false, problem: /UTF-8/ });
    expect(readRoomMessage(Buffer.from([ROOM_DATA, 0xa9, 0x61]))).toMatchObject({ ok: false, problem: /cut short/ });
    expect(readRoomMessage(Buffer.from([ROOM_DATA, 0xdb, 0xff]))).toMatchObject({ ok: false, problem: /cut short/ });
    expect(readRoomMessage(Buffer.from([ROOM_DATA]))).toMatchObject({ ok: false });
    expect(readRoomMessage(Buffer.concat([frame('command'), Buffer.from([0x82, 0xa1])]))).toMatchObject({ ok: false, problem: /msgpack/ });
  });
});
