import { describe, expect, it } from 'vitest';
import { contentBytes, decodeContent, inputBytes } from './input-bytes.js';

describe('input bytes', () => {
  it('keeps valid UTF-8 as text', () => {
    const bytes = Buffer.from('Grüße — ok', 'utf8');
    const decoded = decodeContent(bytes);
    expect(decoded.encoding).toBe('utf8');
    expect(decoded.content).toBe('Grüße — ok');
    expect(inputBytes(decoded).equals(bytes)).toBe(true);
  });

  it('round-trips non-UTF-8 bytes exactly', () => {
    const bytes = Buffer.from([0x53, 0x75, 0x62, 0x6a, 0x3a, 0x20, 0xe9, 0xff, 0x00, 0x80, 0x0d, 0x0a]);
    const decoded = decodeContent(bytes);
    expect(decoded.encoding).toBe('binary');
    expect(inputBytes(decoded).equals(bytes)).toBe(true);
  });

  it('writes chars a tactic inserted into a byte string as UTF-8, leaving the other bytes alone', () => {
    const decoded = decodeContent(Buffer.from([0x61, 0xe9, 0x62]));
    const changed = `${decoded.content.slice(0, 1)}\u200b${decoded.content.slice(1)}😀`;
    expect([...contentBytes(changed, 'binary')]).toEqual([0x61, 0xe2, 0x80, 0x8b, 0xe9, 0x62, 0xf0, 0x9f, 0x98, 0x80]);
  });
});
