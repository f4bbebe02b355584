import { describe, expect, it } from 'vitest';
import { mboxEntry, quoteFrom, splitMbox, unquoteFrom } from './mbox.js';

const msg = (s: string) => Buffer.from(s, 'latin1');

describe('mbox', () => {
  it('splits on From lines, drops the separator line, unquotes mboxrd and keeps 8-bit bytes', () => {
    const file = msg(
      'From a@x Mon Jan  1 00:00:00 2024\nSubject: one\n\nline\n>From here\n>>From there\n\n' +
        'From b@x Mon Jan  1 00:00:00 2024\nSubject: caf\u00e9\n\nd\u00e9j\u00e0\n\n',
    );
    const out = splitMbox(file, 'm.mbox');
    expect(out.map((m) => [m.index, m.line])).toEqual([
      [1, 1],
      [2, 8],
    ]);
    expect(out[0]!.bytes.toString('latin1')).toBe('Subject: one\n\nline\nFrom here\n>From there\n');
    expect(out[1]!.bytes.equals(msg('Subject: caf\u00e9\n\nd\u00e9j\u00e0\n'))).toBe(true);
    // mboxo removes one > only from >From (and cannot tell an original >From apart).
    expect(unquoteFrom(msg('>From a\n>>From b\n'), 'mboxo').toString()).toBe('From a\n>>From b\n');
  });

  it('round-trips exact bytes through mboxEntry (LF and CRLF, quoted From lines)', () => {
    const a = msg('Subject: a\n\nFrom the start\n>From quoted\n');
    const b = msg('Subject: b\r\n\r\nbody \xff\xfe\r\n\r\n');
    const file = Buffer.concat([mboxEntry('From x Thu Jan  1 00:00:00 1970', a), mboxEntry('From y', b)]);
    const out = splitMbox(file, 'r.mbox');
    expect(out).toHaveLength(2);
    expect(out[0]!.bytes.equals(a)).toBe(true);
    expect(out[1]!.bytes.equals(b)).toBe(true);
    expect(quoteFrom(a).toString()).toContain('>From the start\n>>From quoted');
  });

  it('names the file and line of a bad or truncated mbox', () => {
    expect(() => splitMbox(msg(''), 'e.mbox')).toThrow(/e\.mbox: the mbox file is empty/);
    expect(() => splitMbox(msg('Subject: x\n\nbody\n'), 'n.mbox')).toThrow(/n\.mbox:1: not an mbox file/);
    expect(() => splitMbox(msg('From a\nSubject: x\n\nbody cut mid-li'), 't.mbox')).toThrow(
      /t\.mbox:4: the mbox file is truncated/,
    );
    expect(() => splitMbox(msg('From a\nSubject: x\n\nok\n\nFrom b\nSubject: cut\n'), 'h.mbox')).toThrow(
      /h\.mbox:6: message 2 has no empty line/,
    );
    expect(() => splitMbox(msg('From a\nnot a header\n\nx\n'), 'g.mbox')).toThrow(
      /g\.mbox:2: message 1 does not start with a header field/,
    );
    expect(() => splitMbox(msg('From a\nFrom b\nSubject: x\n\ny\n'), 'z.mbox')).toThrow(/z\.mbox:1: message 1 .*empty/);
  });
});
